using System.Text.Json;
using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Sources;

/// <summary>
/// Reads and validates the sources file: <c>{"sources": [{"id", "title", "url", "kind", "language", "timeZone"}]}</c>.
/// Every problem is reported with the source and the field, so an operator can fix the file without guessing.
/// </summary>
public static partial class SourceList
{
    public static IReadOnlyList<SourceDefinition> Load(string path)
    {
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SourceListException($"{path}: no such sources file ({Path.GetFullPath(path)}).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SourceListException($"{path}: cannot read the sources file: permission denied.", e);
        }
        catch (IOException e)
        {
            throw new SourceListException($"{path}: cannot read the sources file: {e.Message}", e);
        }
        return Parse(json, path);
    }

    public static IReadOnlyList<SourceDefinition> Parse(string json, string origin = "sources.json")
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new SourceListException($"{origin}: the file is empty; it should hold {{\"sources\": [...]}}, one object per source (see seeds/sources.json).");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            // JsonException's own message speaks of tokens, literals and isFinalBlock; say where to look instead.
            throw new SourceListException(
                $"{origin}: not valid JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}; look there for a missing comma, quote or bracket.", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("sources", out var array)
                || array.ValueKind != JsonValueKind.Array)
                throw new SourceListException($"{origin}: expected an object with a \"sources\" array.");

            var sources = new List<SourceDefinition>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                var source = ReadSource(element, $"{origin}: source #{index}");
                if (!ids.Add(source.Id))
                    throw new SourceListException($"{origin}: source #{index} (\"{source.Id}\"): field \"id\" repeats an earlier source's id.");
                sources.Add(source);
            }
            return sources;
        }
    }

    private static SourceDefinition ReadSource(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new SourceListException($"{where}: expected an object.");

        var id = RequiredString(element, "id", where);
        if (!IdPattern().IsMatch(id))
            throw new SourceListException($"{where} (\"{id}\"): field \"id\" must be 1-64 characters of a-z, 0-9, '-', '_' or '.', starting with a letter or digit.");
        where = $"{where} (\"{id}\")";

        var title = RequiredString(element, "title", where);
        var urlText = RequiredString(element, "url", where);
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new SourceListException($"{where}: field \"url\" must be an absolute http or https URL, not \"{urlText}\".");

        var kind = SourceKind.Auto;
        var kindText = OptionalString(element, "kind", where);
        if (kindText is not null && !Enum.TryParse(kindText, ignoreCase: true, out kind))
            throw new SourceListException($"{where}: field \"kind\" must be one of auto, rss, atom, rdf, json, html, not \"{kindText}\".");

        var language = OptionalString(element, "language", where);
        if (language is not null && !LanguagePattern().IsMatch(language))
            throw new SourceListException($"{where}: field \"language\" must be a BCP 47 tag such as \"en\" or \"ru-KZ\", not \"{language}\".");

        var timeZone = OptionalString(element, "timeZone", where) ?? "UTC";
        if (!TimeZones.IsKnown(timeZone))
            throw new SourceListException($"{where}: field \"timeZone\" must be an IANA time zone such as \"Asia/Almaty\", not \"{timeZone}\".");

        HtmlSelectors? html = null;
        if (element.TryGetProperty("html", out var htmlElement) && htmlElement.ValueKind == JsonValueKind.Object)
        {
            html = new HtmlSelectors
            {
                ItemLinks = RequiredString(htmlElement, "itemLinks", where + ": field \"html\""),
                Title = OptionalString(htmlElement, "title", where),
                Date = OptionalString(htmlElement, "date", where),
                Content = OptionalString(htmlElement, "content", where),
            };
        }
        if (kind == SourceKind.Html && html is null)
            throw new SourceListException($"{where}: field \"html\" with an \"itemLinks\" CSS selector is required when kind is \"html\".");

        return new SourceDefinition
        {
            Id = id, Title = title, Url = url, Kind = kind, Language = language, TimeZone = timeZone, Html = html,
        };
    }

    private static string RequiredString(JsonElement element, string field, string where) =>
        OptionalString(element, field, where) is { Length: > 0 } value
            ? value
            : throw new SourceListException($"{where}: field \"{field}\" is missing or empty.");

    private static string? OptionalString(JsonElement element, string field, string where)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
            throw new SourceListException($"{where}: field \"{field}\" must be a string.");
        return value.GetString()!.Trim();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();
}
