namespace FeedProcessor.Core.Sources;

/// <summary>Looks up IANA zones; .NET on Linux and Windows both accept IANA ids since .NET 6 (ICU).</summary>
public static class TimeZones
{
    public static TimeZoneInfo Find(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || ianaId.Equals("UTC", StringComparison.OrdinalIgnoreCase))
            return TimeZoneInfo.Utc;
        return TimeZoneInfo.FindSystemTimeZoneById(ianaId);
    }

    public static bool IsKnown(string ianaId)
    {
        try { Find(ianaId); return true; }
        catch (TimeZoneNotFoundException) { return false; }
        catch (InvalidTimeZoneException) { return false; }
    }
}
