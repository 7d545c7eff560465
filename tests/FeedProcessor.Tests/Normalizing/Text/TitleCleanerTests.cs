using FeedProcessor.Core.Normalizing.Text;

namespace FeedProcessor.Tests.Normalizing.Text;

public class TitleCleanerTests
{
    private static readonly string[] Sites = ["Ministry of Energy of Kazakhstan", "energo.gov.kz"];

    [Theory]
    [InlineData("Oil output grew by 5% | Ministry of Energy", "Oil output grew by 5%")]
    [InlineData("Oil output grew by 5% - primeminister.kz", "Oil output grew by 5%")]
    [InlineData("Oil output grew by 5% — Gov.kz", "Oil output grew by 5%")]
    [InlineData("Oil output grew by 5% – Ministry of Energy of Kazakhstan", "Oil output grew by 5%")]
    [InlineData("Oil output grew by 5% - energo.gov.kz | Official website", "Oil output grew by 5%")]
    [InlineData("Добыча нефти выросла – Министерство энергетики РК", "Добыча нефти выросла")]
    [InlineData("Мұнай өндірісі өсті - ҚР Энергетика министрлігі", "Мұнай өндірісі өсті")]
    [InlineData("Kazakhstan - Russia talks held in Almaty", "Kazakhstan - Russia talks held in Almaty")]
    [InlineData("  Q&amp;A:\u00A0the   new\ttariffs ", "Q&A: the new tariffs")]
    [InlineData("AT&amp;amp;T deal", "AT&amp;T deal")]
    [InlineData("<b>Bold</b> &amp;amp; <i>news</i>", "Bold &amp; news")]
    [InlineData("&lt;b&gt;Escaped twice&lt;/b&gt;", "Escaped twice")]
    public void Site_suffixes_markup_and_whitespace_are_removed(string raw, string expected) =>
        Assert.Equal(expected, TitleCleaner.Clean(raw, Sites, ["Body."], "Fallback"));

    [Theory]
    [InlineData("BMJV  |  Transparenz bei Preisanpassungen", "Transparenz bei Preisanpassungen")]
    [InlineData("BMJV - Transparenz bei Preisanpassungen", "Transparenz bei Preisanpassungen")]
    [InlineData("Transparenz bei Preisanpassungen | BMJV", "Transparenz bei Preisanpassungen")]
    [InlineData("Transparenz bei Preisanpassungen", "Transparenz bei Preisanpassungen")]
    public void A_site_going_by_the_acronym_its_address_spells_loses_it_before_or_after_the_title(string raw, string expected) =>
        Assert.Equal(expected, TitleCleaner.Clean(raw, ["www.BMJV.de"], ["Body."], "Fallback"));

    [Theory]
    [InlineData("Kleine Schafskunde | Mäscot das Schaf – Webcomic", "Kleine Schafskunde")]
    [InlineData("Disfunctions.de » Blog Archiv » Podcasts in Plex einbinden", "Podcasts in Plex einbinden")]
    [InlineData("Blog Archive » Podcasts in Plex einbinden", "Podcasts in Plex einbinden")]
    [InlineData("Podcasts in Plex einbinden « Disfunctions.de", "Podcasts in Plex einbinden")]
    [InlineData("Kazakhstan - Russia talks | Section | Ministry of Energy", "Kazakhstan - Russia talks")]
    [InlineData("Zitat »Wir bauen« und Antwort", "Zitat »Wir bauen« und Antwort")]
    public void What_follows_the_first_pipe_and_site_or_archive_labels_before_the_title_go(string raw, string expected) =>
        Assert.Equal(expected, TitleCleaner.Clean(raw, ["disfunctions.de"], ["Body."], "Fallback"));

    [Theory]
    [InlineData("Images | primeminister.kz")]
    [InlineData("Photo")]
    [InlineData("Новости")]
    [InlineData("Жаңалықтар")]
    [InlineData("Без названия")]
    [InlineData("energo.gov.kz")]
    [InlineData("Ministry of Energy of Kazakhstan")]
    [InlineData("")]
    [InlineData(null)]
    public void Generic_titles_are_replaced_by_the_first_sentence(string? raw)
    {
        var title = TitleCleaner.Clean(raw, Sites,
            ["Mr. Akhmetov opened the new plant in Pavlodar on 3 March. It will employ 400 people."], "Fallback");
        Assert.Equal("Mr. Akhmetov opened the new plant in Pavlodar on 3 March", title);
    }

    [Fact]
    public void A_long_first_sentence_is_cut_at_a_word_boundary()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("cooperation", 30)) + ".";
        var title = TitleCleaner.Clean("Video", Sites, [sentence], "Fallback");
        Assert.True(title.Length <= TitleCleaner.MaxGeneratedLength, title);
        Assert.EndsWith("cooperation…", title);
    }

    [Fact]
    public void Without_any_text_the_last_resort_is_used() =>
        Assert.Equal("Ministry of Energy, 2024-02-04", TitleCleaner.Clean("Images", Sites, ["", null], "Ministry of Energy, 2024-02-04"));
}
