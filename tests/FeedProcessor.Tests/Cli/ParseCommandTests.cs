using System.Text.Json;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Cli;

/// <summary>`feedproc parse` as a user runs it: NDJSON on stdout, one line per input, nothing lost to a bad file.</summary>
public sealed class ParseCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("feedproc-parse-").FullName;

    [Fact]
    public async Task The_seed_article_becomes_the_article_the_foundation_asks_for()
    {
        var run = await Feedproc.RunAsync(RepoPaths.Root, "parse", "seeds/000_9741add505b7cea5.txt");
        Assert.Equal(0, run.ExitCode);
        using var line = JsonDocument.Parse(run.Stdout.Trim());
        var root = line.RootElement;
        Assert.Equal(RepoPaths.Combine("seeds", "000_9741add505b7cea5.txt"), root.GetProperty("path").GetString());
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal("text", root.GetProperty("format").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        var article = Assert.Single(root.GetProperty("articles").EnumerateArray().ToList());

        var title = article.GetProperty("title").GetString()!;
        Assert.DoesNotContain("Images", title);
        Assert.DoesNotContain("primeminister.kz", title);
        Assert.StartsWith("In Almaty, the Prime Minister of the Republic of Kazakhstan Alikhan Smailov", title);
        Assert.StartsWith("2024-02-04", article.GetProperty("published").GetString());
        Assert.Equal("primeminister.kz", article.GetProperty("site").GetString());
        Assert.Equal("en", article.GetProperty("language").GetString());

        var text = article.GetProperty("contentText").GetString()!;
        var paragraphs = text.Split("\n\n");
        Assert.Equal(9, paragraphs.Length);
        Assert.DoesNotContain("\n\n\n", text);
        Assert.All(paragraphs, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        Assert.All(paragraphs, p => Assert.Equal(0, p.Count(c => c == '"') % 2));
        Assert.StartsWith("\"Russia is one of the main trade", paragraphs[4]);
        Assert.StartsWith("\"I am confident", paragraphs[6]);
        Assert.StartsWith("\"We jointly implement", paragraphs[8]);
        Assert.True(article.GetProperty("summary").GetString()!.Length <= 300);
    }

    [Fact]
    public async Task A_folder_is_searched_and_bad_files_get_ok_false_with_a_reason()
    {
        Directory.CreateDirectory(Path.Combine(_work, "nested"));
        await File.WriteAllTextAsync(Path.Combine(_work, "nested", "good.xml"),
            """<rss version="2.0"><channel><title>T</title><item><title>One</title><link>https://a.example/1</link></item></channel></rss>""");
        await File.WriteAllTextAsync(Path.Combine(_work, "empty.xml"), "");
        await File.WriteAllTextAsync(Path.Combine(_work, "notes.md"), "not a feed file by its name; skipped");
        var missing = Path.Combine(_work, "missing.rss");

        var run = await Feedproc.RunAsync(_work, "parse", _work, missing);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var good = lines.Single(l => l.GetProperty("path").GetString()!.EndsWith("good.xml"));
        Assert.True(good.GetProperty("ok").GetBoolean());
        Assert.Equal("rss2.0", good.GetProperty("format").GetString());
        Assert.Equal("One", good.GetProperty("articles")[0].GetProperty("title").GetString());
        foreach (var bad in lines.Where(l => !l.GetProperty("path").GetString()!.EndsWith("good.xml")))
        {
            Assert.False(bad.GetProperty("ok").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(bad.GetProperty("error").GetString()));
        }
    }

    [Fact]
    public async Task Dates_without_an_offset_are_read_in_the_given_time_zone()
    {
        await File.WriteAllTextAsync(Path.Combine(_work, "local.xml"),
            """<rss version="2.0"><channel><title>T</title><item><title>Local</title><pubDate>04.02.2024 14:30</pubDate></item></channel></rss>""");
        var run = await Feedproc.RunAsync(_work, "parse", "local.xml", "--time-zone", "Asia/Almaty", "--source-id", "mfa-kz");
        using var line = JsonDocument.Parse(run.Stdout.Trim());
        var article = line.RootElement.GetProperty("articles")[0];
        Assert.Equal("2024-02-04T14:30:00+06:00", article.GetProperty("published").GetString());
        Assert.Equal("mfa-kz", article.GetProperty("sourceId").GetString());
    }

    [Fact]
    public async Task An_empty_folder_says_so_and_fails()
    {
        Directory.CreateDirectory(Path.Combine(_work, "nothing-here"));
        await File.WriteAllTextAsync(Path.Combine(_work, "nothing-here", "notes.md"), "not a feed file by its name");

        var run = await Feedproc.RunAsync(_work, "parse", "nothing-here");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout.Trim());
        Assert.Contains($"no feed files (.atom .feed .htm .html .json .rdf .rss .txt .xml) under {Path.Combine(_work, "nothing-here")}", run.Stderr);
    }

    [Fact]
    public async Task An_empty_file_a_binary_file_and_a_missing_file_are_told_apart_in_plain_words()
    {
        await File.WriteAllTextAsync(Path.Combine(_work, "empty.xml"), "");

        var run = await Feedproc.RunAsync(_work, "parse", "empty.xml", "/bin/ls", "missing.xml");

        Assert.Equal(0, run.ExitCode);
        var errors = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("error").GetString()).ToList();
        Assert.Equal(["empty file", "not a feed: binary data (a program, an image or an archive), not text", "no such file"], errors);
        Assert.DoesNotContain("ELF", run.Stdout);
        Assert.DoesNotContain("\\u0000", run.Stdout);
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("parse", "x.xml", "--time-zone", "Mars/Olympus")]
    [InlineData("parse", "x.xml", "--no-such-option")]
    public async Task Usage_errors_exit_with_2(params string[] args)
    {
        var run = await Feedproc.RunAsync(_work, args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout.Trim());
    }

    [Fact]
    public async Task A_saved_article_page_with_kind_html_gives_one_article()
    {
        var page = Path.Combine(_work, "page.html");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Parsing", "Html", "testdata", "meta_created.html"), page);

        var refused = await Feedproc.RunAsync(_work, "parse", page);
        var run = await Feedproc.RunAsync(_work, "parse", page, "--kind", "html");
        var selected = await Feedproc.RunAsync(_work, "parse", page, "--kind", "html", "--selectors", """{"title":"p.date","content":"#content"}""");
        var badKind = await Feedproc.RunAsync(_work, "parse", page, "--kind", "page");

        Assert.False(JsonDocument.Parse(refused.Stdout).RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(0, run.ExitCode);
        var line = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.True(line.GetProperty("ok").GetBoolean(), line.GetProperty("error").GetString());
        Assert.Equal("html", line.GetProperty("format").GetString());
        var article = Assert.Single(line.GetProperty("articles").EnumerateArray().ToList());
        Assert.Equal("Park Reopens Visitor Center", article.GetProperty("title").GetString());
        Assert.StartsWith("2011-07-15", article.GetProperty("published").GetString());
        Assert.StartsWith("The visitor center at the park reopened", article.GetProperty("contentText").GetString());
        var selectedArticle = JsonDocument.Parse(selected.Stdout).RootElement.GetProperty("articles")[0];
        Assert.Equal("Date: July 15, 2011", selectedArticle.GetProperty("title").GetString());
        Assert.Equal(2, badKind.ExitCode);
        Assert.Contains("--kind must be one of", badKind.Stderr);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
