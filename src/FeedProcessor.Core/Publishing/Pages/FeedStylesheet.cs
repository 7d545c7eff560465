using System.Text;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing.Http;

namespace FeedProcessor.Core.Publishing.Pages;

/// <summary>
/// `GET /api/feed.xsl`: the XSLT 1.0 stylesheet the RSS names in its xml-stylesheet instruction, so that a person
/// who opens the feed URL in a browser sees a readable page explaining how to subscribe, not raw XML.
/// It shows the plain-text summaries only: browsers that lack disable-output-escaping would print the HTML.
/// </summary>
public static class FeedStylesheet
{
    public const string Route = "feed.xsl";
    public const string ContentType = "text/xsl; charset=utf-8";

    public const string Xslt = """
        <?xml version="1.0" encoding="utf-8"?>
        <xsl:stylesheet version="1.0"
            xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
            xmlns:atom="http://www.w3.org/2005/Atom"
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            exclude-result-prefixes="atom dc">
          <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>
          <xsl:variable name="feedUrl" select="/rss/channel/atom:link[@rel='self']/@href"/>
          <xsl:template match="/">
            <html lang="{/rss/channel/language}">
              <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title><xsl:value-of select="/rss/channel/title"/> (feed)</title>
                <style>
                  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1rem; color: #1b1b1b; background: #fff; }
                  header { border-bottom: 2px solid #0b5394; margin-bottom: 1rem; }
                  .subscribe { background: #eef4fb; border: 1px solid #b6cde8; border-radius: 6px; padding: .75rem 1rem; }
                  .subscribe code { display: block; overflow-wrap: anywhere; background: #fff; border: 1px solid #ccc; padding: .4rem; margin: .4rem 0; }
                  article { border-bottom: 1px solid #ddd; padding: .75rem 0; }
                  article h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
                  .meta { color: #555; font-size: .9rem; margin: 0; }
                  a { color: #0b5394; }
                  @media (prefers-color-scheme: dark) {
                    body { background: #111; color: #eee; } a { color: #8ab4f8; } .meta { color: #aaa; }
                    .subscribe { background: #1c2733; border-color: #345; } .subscribe code { background: #000; border-color: #444; }
                  }
                </style>
              </head>
              <body>
                <header>
                  <h1><xsl:value-of select="/rss/channel/title"/></h1>
                  <p><xsl:value-of select="/rss/channel/description"/></p>
                </header>
                <section class="subscribe" aria-labelledby="subscribe-heading">
                  <h2 id="subscribe-heading">Subscribe</h2>
                  <p>This is a news feed. To follow it, copy its address into your feed reader (Feedly, NetNewsWire, Thunderbird, Outlook…):</p>
                  <code><xsl:value-of select="$feedUrl"/></code>
                  <p><a href="{/rss/channel/link}">All feeds and sources</a></p>
                </section>
                <main>
                  <h2>Latest articles</h2>
                  <xsl:for-each select="/rss/channel/item">
                    <article>
                      <h2>
                        <xsl:choose>
                          <xsl:when test="link"><a href="{link}"><xsl:value-of select="title"/></a></xsl:when>
                          <xsl:otherwise><xsl:value-of select="title"/></xsl:otherwise>
                        </xsl:choose>
                      </h2>
                      <p class="meta">
                        <xsl:value-of select="source"/>
                        <xsl:if test="dc:creator"> · <xsl:value-of select="dc:creator"/></xsl:if>
                        · <time><xsl:value-of select="pubDate"/></time>
                      </p>
                      <xsl:if test="description"><p><xsl:value-of select="description"/></p></xsl:if>
                    </article>
                  </xsl:for-each>
                </main>
              </body>
            </html>
          </xsl:template>
        </xsl:stylesheet>
        """;

    private static readonly RenderedResponse Rendered = new(ContentType, Encoding.UTF8.GetBytes(Xslt), DateTimeOffset.UnixEpoch, "public, max-age=86400");

    public static ApiResponse Handle(ApiRequest request) => Rendered.Respond(request);
}
