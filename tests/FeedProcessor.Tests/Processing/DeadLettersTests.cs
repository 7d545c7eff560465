using System.Text;
using FeedProcessor.Core.Processing;

namespace FeedProcessor.Tests.Processing;

/// <summary>Reading Event Grid's dead-letter blobs: which raw item each event names, and nothing else.</summary>
public sealed class DeadLettersTests
{
    [Fact]
    public void Each_event_names_its_raw_blob_by_subject_or_by_url()
    {
        var (names, events) = DeadLetters.Parse(Encoding.UTF8.GetBytes("""
            [
              {"subject": "/blobServices/default/containers/raw/blobs/ministry-a/abc.1234.json", "data": {"url": "https://x.blob.core.windows.net/raw/wrong/one.json"},
               "deadLetterReason": "MaxDeliveryAttemptsExceeded", "deliveryAttempts": 30},
              {"data": {"url": "https://stfeed.blob.core.windows.net/raw/agency-b/def.5678.json"}},
              {"data": {"url": "http://127.0.0.1:10000/devstoreaccount1/t123-raw/office-c/a%2Db.json"}},
              {"subject": "/blobServices/default/containers/config/blobs/sources.json"},
              {"subject": "/blobServices/default/containers/raw/blobs/../state/sources/x.json"},
              {"data": {"url": "not a url"}},
              42
            ]
            """));
        Assert.Equal(7, events);
        Assert.Equal(["ministry-a/abc.1234.json", "agency-b/def.5678.json", "office-c/a-b.json"], names);
    }

    [Fact]
    public void A_blob_that_is_not_json_names_nothing_and_a_lone_event_is_read()
    {
        var (none, noEvents) = DeadLetters.Parse("not json"u8);
        Assert.Empty(none);
        Assert.Equal(0, noEvents);
        // A single event rather than an array is read too.
        var (names, events) = DeadLetters.Parse("""{"subject": "/blobServices/default/containers/raw/blobs/s/one.json"}"""u8);
        Assert.Equal(["s/one.json"], names);
        Assert.Equal(1, events);
    }
}
