using FeedProcessor.Core.Normalizing.Text;

namespace FeedProcessor.Tests.Normalizing.Text;

public class QuotationRepairTests
{
    [Theory]
    [InlineData("Trade grew by 10%,\" he said.", "\"")]
    [InlineData("We are ready,\" the Minister of Trade noted.", "\"")]
    [InlineData("We are ready,” Alikhan Smailov stressed.", "“")]
    [InlineData("Мы готовы к сотрудничеству», — отметил министр.", "«")]
    [InlineData("Біз дайынбыз», – деді министр.", "«")]
    public void A_quotation_closed_with_an_attribution_gets_its_opening_mark(string paragraph, string expected) =>
        Assert.Equal(expected, QuotationRepair.MissingOpeningQuote(paragraph));

    [Theory]
    [InlineData("\"Trade grew by 10%,\" he said.")] // balanced already
    [InlineData("He called the plan \"ambitious.")] // unbalanced, but no attribution: not clear
    [InlineData("The law on \"Public procurement\" was amended.")]
    [InlineData("Trade grew by 10%,\" the report reads.")] // no speech verb
    [InlineData("Мы готовы», — отметил министр, «и ждём ответа».")] // balanced guillemets
    [InlineData("")]
    public void Nothing_is_inserted_where_it_is_not_clear(string paragraph) =>
        Assert.Null(QuotationRepair.MissingOpeningQuote(paragraph));
}
