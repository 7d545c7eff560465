using FeedProcessor.Core.Normalizing.Language;

namespace FeedProcessor.Tests.Normalizing.Language;

public class LanguageTests
{
    [Theory]
    [InlineData("en", "The Government of Kazakhstan held a meeting on the development of the energy sector and the results of the year.")]
    [InlineData("ru", "Правительство Казахстана провело заседание, на котором были рассмотрены итоги социально-экономического развития страны.")]
    [InlineData("kk", "Қазақстан Үкіметінің отырысында елдің әлеуметтік-экономикалық дамуының қорытындылары қаралды.")]
    [InlineData("uk", "Уряд України затвердив нову програму підтримки підприємців, які постраждали від війни. Її реалізація почнеться восени.")]
    [InlineData("de", "Die Bundesregierung hat am Mittwoch einen Gesetzentwurf beschlossen, der die Förderung von Wärmepumpen regelt und für die Bürger gilt.")]
    [InlineData("fr", "Le gouvernement a présenté mercredi un projet de loi sur la transition énergétique, qui sera examiné par les députés dans les prochains jours.")]
    [InlineData("es", "El Gobierno ha aprobado este martes un real decreto para la mejora de las pensiones, que entrará en vigor el próximo mes de enero.")]
    public void Text_language_is_detected(string expected, string text) => Assert.Equal(expected, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("OK")]
    [InlineData("12 345 678")]
    [InlineData("")]
    public void Too_little_text_gives_no_guess(string text) => Assert.Null(LanguageDetector.Detect(text));

    [Theory]
    [InlineData("RU", "ru")]
    [InlineData("en-US", "en-US")]
    [InlineData("en_us", "en-US")]
    [InlineData(" kk-kz ", "kk-KZ")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("english please", null)]
    [InlineData("e", null)]
    public void Declared_tags_are_normalized(string value, string? expected) => Assert.Equal(expected, LanguageTag.Normalize(value));
}
