using System.Text.Json.Nodes;

namespace Depwatch.Server.Tests.Storage;

/// <summary>
/// Asserts that an answer holds everything an earlier answer held: every field with the same value, every array
/// element in the same order. Fields the newer version adds are allowed; so is a different value for a field named
/// in <c>ignored</c> (e.g. <c>lastUsed</c>, which the test's own requests change), and more elements in an array
/// named in <c>grown</c> (e.g. <c>permissions</c>, which an upgrade may add to) as long as it keeps the old ones.
/// </summary>
public static class JsonSubset
{
    public static void AssertContains(JsonNode? expected, JsonNode? actual, ISet<string> ignored, string path = "$", ISet<string>? grown = null)
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual, exactMatch: false);
                foreach (var (name, value) in expectedObject)
                {
                    if (ignored.Contains(name))
                    {
                        continue;
                    }
                    Assert.True(actualObject.ContainsKey(name), $"{path}.{name} is missing from {actualObject.ToJsonString()}");
                    if (grown?.Contains(name) == true)
                    {
                        AssertKeeps(value, actualObject[name], $"{path}.{name}");
                        continue;
                    }
                    AssertContains(value, actualObject[name], ignored, $"{path}.{name}", grown);
                }
                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(expectedArray.Count == actualArray.Count, $"{path} has {actualArray.Count} elements, expected {expectedArray.Count}");
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertContains(expectedArray[i], actualArray[i], ignored, $"{path}[{i}]", grown);
                }
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path} is {actual?.ToJsonString() ?? "null"}, expected {expected?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static void AssertKeeps(JsonNode? expected, JsonNode? actual, string path)
    {
        var actualArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
        foreach (var element in Assert.IsType<JsonArray>(expected, exactMatch: false))
        {
            Assert.True(actualArray.Any(a => JsonNode.DeepEquals(a, element)), $"{path} lost {element?.ToJsonString()}: {actualArray.ToJsonString()}");
        }
    }
}
