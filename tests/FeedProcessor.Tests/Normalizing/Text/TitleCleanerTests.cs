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
