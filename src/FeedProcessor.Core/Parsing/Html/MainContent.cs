using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SmartReader;

namespace FeedProcessor.Core.Parsing.Html;

/// <summary>
/// The article's main text as HTML. SmartReader (Mozilla Readability's algorithm) finds it; a configured content
/// selector overrides it; where the reader keeps next to nothing (a post that is a list of links), the page's own
/// article container stands in. Either way the result loses what readers skip: the headline repeated, a photo
/// caption, credit or bare date line before the text, and boilerplate inside it ("Mehr zum Thema:", newsletter,
/// donation and paywall prompts, share and feedback prompts, comment-section labels, advertisement labels, credits).
/// </summary>
internal static partial class MainContent
{
    private static readonly string[] Scripts = ["script", "style", "noscript", "template", "iframe", "form", "button", "select", "input", "svg"];

    /// <summary>Blocks looked at before the text proper starts.</summary>
    private const int LeadingBlocks = 6;

    /// <summary>Below this much text the reader is taken to have missed the article, if the page's container holds more.</summary>
    private const int TooLittleText = 200;

    /// <summary>Where sites put an article's body, most specific first: schema.org, common CMS classes, hAtom, then HTML5.</summary>
    private static readonly string[] ArticleContainers =
    [
        "[itemprop=articleBody]", ".entry-content", ".post-content", ".article-content", ".article-body", ".article__body", ".story-body",
        ".field--name-body", ".field-name-body", ".hentry", "article", "main", "[role=main]",
    ];

    /// <summary>Inside a page's own container, what is not the article.</summary>
    private const string NotArticle = "nav, aside, footer, header, [role=navigation], [role=complementary], #comments, #respond, .comments, .comments-area, .comment-respond, .comment-list, .commentlist";

    public static string? Extract(string html, Uri pageUrl, IDocument document, string? selector, string? title = null)
    {
        var selected = HtmlDocuments.Select(document, selector);
        IElement? container;
        if (selected is not null)
        {
            container = Copy(selected, Scripts);
        }
        else
        {
            container = Readable(html, pageUrl);
            if (container is not null) RemoveAll(container, Scripts);
            if (TextLength(container) < TooLittleText && OwnContainer(document) is { } own && TextLength(own) >= Math.Max(TooLittleText, 2 * TextLength(container)))
                container = own;
        }
        if (container is null) return null;
        RemoveBoilerplate(container);
        RemoveLeadingNonText(container, title);
        return PageText.Clean(container.TextContent) is null ? null : container.InnerHtml.Trim();
    }

    private static IElement Copy(IElement element, IEnumerable<string> without) => RemoveAll((IElement)element.Clone(), without);

    private static IElement RemoveAll(IElement element, IEnumerable<string> selectors)
    {
        foreach (var unwanted in element.QuerySelectorAll(string.Join(',', selectors)).ToList()) unwanted.Remove();
        return element;
    }

    /// <summary>The page's own article container, without navigation, asides, headers and footers; null if it has none.</summary>
    private static IElement? OwnContainer(IDocument document)
    {
        var found = ArticleContainers.Select(selector => document.QuerySelectorAll(selector).FirstOrDefault(e => !PageTeasers.IsHidden(e)))
            .FirstOrDefault(e => e is not null);
        return found is null ? null : Copy(found, Scripts.Append(NotArticle));
    }

    private static int TextLength(IElement? element) => PageText.Clean(element?.TextContent)?.Length ?? 0;

    private static IElement? Readable(string html, Uri pageUrl)
    {
        var document = new HtmlParser().ParseDocument(html);
        Article article;
        try
        {
            using var reader = new Reader(pageUrl.AbsoluteUri, document) { ContinueIfNotReadable = true };
            article = reader.GetArticle();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The reader gives up on some broken markup; the page still has its metadata.
            return null;
        }
        if (string.IsNullOrWhiteSpace(article.Content)) return null;
        var body = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{article.Content}</body></html>").Body!;
        // Readability wraps the article in <div id="readability-page-1" class="page">: the wrapper is no content.
        while (body.Children.Length == 1 && body.FirstElementChild is IHtmlDivElement div && PageText.Clean(body.TextContent) == PageText.Clean(div.TextContent)
               && (div.Id?.StartsWith("readability", StringComparison.Ordinal) == true || div.ClassName == "page"))
        {
            div.Replace(div.ChildNodes.ToArray());
        }
        return body;
    }

    /// <summary>Short blocks that invite to subscribe, donate or read other articles; a "more on this" heading takes its link list along.</summary>
    private static void RemoveBoilerplate(IElement container)
    {
        foreach (var block in container.QuerySelectorAll("p, div, section, aside, h2, h3, h4, h5, h6, li, dl, ul, figcaption").ToList())
        {
            if (block.ParentElement is null || !container.Contains(block)) continue;
            var text = PageText.Clean(block.TextContent);
            if (text is null || text.Length > 220) continue;
            var more = MoreOnTheTopic().Match(text);
            if (more.Success && (more.Length == text.Length || (text[more.Length - 1] is ':' or '»' && IsLinkList(block))))
            {
                if (block.NextElementSibling is { LocalName: "ul" or "ol" or "dl" or "div" } list && IsLinkList(list)) list.Remove();
                block.Remove();
            }
            else if ((Prompt().IsMatch(text) && (block.LocalName is not ("ul" or "dl") || IsLinkList(block))) || Label().IsMatch(text) || PostMetadata().IsMatch(text)
                     || (text.Length <= 80 && Credit().IsMatch(text) && !SentenceEnd().IsMatch(text)))
            {
                block.Remove();
            }
        }
    }

    private static bool IsLinkList(IElement element)
    {
        var text = PageText.Clean(element.TextContent)?.Length ?? 0;
        var linked = element.QuerySelectorAll("a").Sum(a => PageText.Clean(a.TextContent)?.Length ?? 0);
        return text > 0 && linked * 2 >= text;
    }

    /// <summary>The headline again, captions, credits, bare date lines and empty figures before the first paragraph of text go.</summary>
    private static void RemoveLeadingNonText(IElement container, string? title)
    {
        for (int i = 0; i < LeadingBlocks; i++)
        {
            var first = FirstTextBlock(container);
            if (first is null) return;
            if (first.Closest("h1, h2, h3") is { } heading && container.Contains(heading) && RepeatsTitle(PageText.Clean(heading.TextContent)!, title))
            {
                heading.Remove();
                continue;
            }
            var text = PageText.Clean(first.TextContent)!;
            bool isCaption = first.LocalName == "figcaption" || first.Closest("figcaption, figure") is not null || Credit().IsMatch(text)
                || (text.Length < 150 && !SentenceEnd().IsMatch(text) && first.PreviousElementSibling is { } before && IsImageOnly(before));
            bool isDateLine = text.Length <= 60 && PageDateline.Read(text) is not null && !LongerThanDate().IsMatch(text);
            if (!isCaption && !isDateLine) return;
            var removed = first;
            // Take the emptied parents along, so the text does not begin with an empty wrapper.
            while (removed.ParentElement is { } parent && parent != container && PageText.Clean(parent.TextContent) == text && parent.QuerySelector("img, picture, video") is null)
                removed = parent;
            removed.Remove();
        }
    }

    /// <summary>
    /// A heading that is the title, perhaps with a kicker before it ("Thema Verbraucherschutz Mehr Transparenz bei
    /// Preisanpassungen"): feed readers show the title above the text already.
    /// </summary>
    private static bool RepeatsTitle(string heading, string? title) =>
        title is { Length: >= 10 } && heading.Contains(title, StringComparison.OrdinalIgnoreCase) && heading.Length <= title.Length + 40;

    private static bool IsImageOnly(IElement element) =>
        (element.LocalName is "img" or "picture" || element.QuerySelector("img, picture") is not null) && PageText.Clean(element.TextContent) is null;

    /// <summary>The first element with text of its own, in document order.</summary>
    private static IElement? FirstTextBlock(IElement container)
    {
        foreach (var element in container.Descendants<IElement>())
        {
            if (element.LocalName is "img" or "picture" or "source" or "br" or "hr") continue;
            bool ownText = element.ChildNodes.Any(n => n.NodeType == NodeType.Text && !string.IsNullOrWhiteSpace(n.TextContent));
            if (ownText) return element.LocalName is "a" or "span" or "em" or "strong" or "b" or "i" or "small" or "time"
                ? element.Closest("p, div, figcaption, li, h2, h3, h4, h5, h6, section") ?? element
                : element;
        }
        return null;
    }

    [GeneratedRegex(@"^(?:mehr\s+zum\s+thema|mehr\s+dazu|lesen\s+sie\s+(?:auch|mehr)|weitere\s+(?:informationen|artikel|meldungen)\s+zum\s+thema|das\s+könnte\s+sie\s+auch\s+interessieren|(?:à\s+)?lire\s+aussi|voir\s+aussi|read\s+(?:more|also|next)|related(?:\s+(?:articles|stories|content|news))?|more\s+on\s+this(?:\s+topic|\s+story)?|see\s+also|you\s+may\s+also\s+like|читайте\s+также|по\s+теме|смотрите\s+также|тақырып\s+бойынша|сондай-ақ\s+оқыңыз)\s*(?:[:.»]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex MoreOnTheTopic();

    [GeneratedRegex(@"newsletter|sign\s+up\s+(?:for|to)\s+(?:our|the)|subscribe\s+(?:to|now|today)|abonnieren\s+sie|jetzt\s+abonnieren|unterstützen\s+sie\s+(?:uns|unsere|unabhängigen)|jetzt\s+spenden|spenden\s+sie|(?:please\s+)?(?:donate|support\s+(?:our|independent)\s+journalism)|make\s+a\s+(?:donation|contribution)|become\s+a\s+(?:member|subscriber|supporter)|already\s+a\s+subscriber|subscribers?\s+only|to\s+continue\s+reading|um\s+weiterzulesen|(?:log|sign)\s+in\s+to\s+(?:read|continue)|подпишитесь|подписывайтесь|поддержите\s+(?:нас|редакцию)|жазылыңыз", RegexOptions.IgnoreCase)]
    private static partial Regex Prompt();

    /// <summary>A photo credit or caption line: "Foto: …", "Photo: …", "© …", "Bild: …", "Quelle: …", "… /Shutterstock.com".</summary>
    [GeneratedRegex(@"^(?:\(?(?:foto|fotos|photo|photos|bild|bilder|image|picture|credit|quelle|source|фото|сурет)\s*(?:credit)?\s*[:©/]|©|\(c\)\s|copyright\s)|(?:getty\s+images|reuters|afp|dpa|keystone|apa|shutterstock|istock(?:photo)?|adobe\s*stock|fotolia|pixabay|unsplash|clipdealer|picture\s+alliance|imago)(?:\.com)?\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Credit();

    /// <summary>A blog's line about the post rather than its text: where it was filed, its tags, when it was posted and where.</summary>
    [GeneratedRegex(@"^(?:this\s+entry\s+was\s+posted|posted\s+in\s|filed\s+under\s|tags?\s*:|schlagw(?:ö|oe)rter?\s*:|stichw(?:ö|oe)rter?\s*:|kategorien?\s*:|categories\s*:|(?:erstellt|veröffentlicht)\s+am\s.{6,60}\s(?:und\s+)?(?:abgelegt|gespeichert|veröffentlicht)\s+(?:unter|in)\s|dieser\s+(?:eintrag|beitrag)\s+wurde\s.{0,80}(?:veröffentlicht|abgelegt))", RegexOptions.IgnoreCase)]
    private static partial Regex PostMetadata();

    /// <summary>A block that is only a label: advertisement, comment section, share or feedback prompt.</summary>
    [GeneratedRegex(@"^(?:anzeige|werbung|advertisement|sponsored|реклама|жарнама|kommentare?\s+(?:geschlossen|schreiben|verfassen|hinzufügen)|comments?\s+(?:are\s+)?closed|(?:leave|post)\s+a\s+(?:reply|comment)|hinterlasse\s+(?:einen\s+kommentar|eine\s+antwort)|(?:war|ist)\s+(?:der|dieser)\s+(?:artikel|beitrag)\s+(?:nützlich|hilfreich)|(?:was|is)\s+this\s+(?:article|page|post|information)\s+(?:helpful|useful)|(?:möchten\s+sie\s+)?(?:den|diesen)\s+(?:artikel|beitrag)\s+teilen|(?:artikel|beitrag|seite)\s+teilen|share\s+this(?:\s+(?:article|story|post|page))?|поделиться|бөлісу|(?:\d+|no|one|keine|ein|einen)\s+(?:comments?|responses?|replies|kommentare?|antworten)(?:\s+(?:so\s+far|yet|bisher))?)\s*[:?!.»]?$", RegexOptions.IgnoreCase)]
    private static partial Regex Label();

    [GeneratedRegex(@"[.!?…:][""'“”»)]?$")]
    private static partial Regex SentenceEnd();

    /// <summary>A dateline followed by a sentence ("Bern, 17.08.2007 - Rede von …") is the text's start, not a bare date.</summary>
    [GeneratedRegex(@"\s[-–—]\s+\p{L}{2,}.{20,}")]
    private static partial Regex LongerThanDate();
}
