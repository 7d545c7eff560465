namespace FeedProcessor.Core.Normalizing.Text;

/// <summary>Titles that name a page type or section rather than the article: CMS defaults and gallery pages.</summary>
internal static class GenericTitles
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "images", "image", "photo", "photos", "picture", "pictures", "video", "videos", "gallery", "photo gallery",
        "news", "latest news", "untitled", "no title", "home", "home page", "main", "index", "page", "article", "post",
        "главная", "главная страница", "новости", "новость", "без названия", "без заголовка", "фото", "видео",
        "фотогалерея", "галерея", "изображения", "статья",
        "жаңалықтар", "жаңалық", "басты бет", "суреттер", "сурет", "бейне", "фотосуреттер", "тақырыпсыз",
        "новини", "головна", "без назви",
        "nachrichten", "startseite", "bilder", "actualités", "accueil", "sans titre", "noticias", "inicio", "sin título",
    };

    public static bool IsGeneric(string title) =>
        Known.Contains(title.AsSpan().Trim(" .:!-–—|".AsSpan()).ToString());
}
