using Depwatch.Core.Policies;

namespace Depwatch.Core.Tests.Policies;

/// <summary>Versions order as their ecosystems' users read them, for VERSION and COORDINATES conditions.</summary>
public sealed class VersionOrderTests
{
    [Theory]
    [InlineData("1.9", "1.10")]
    [InlineData("1.0", "1.0.1")]
    [InlineData("1.0-rc1", "1.0")]
    [InlineData("1.0.0-alpha", "1.0.0-beta")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("2.0.0-SNAPSHOT", "2.0.0")]
    [InlineData("1.0-rc1", "1.0.1")]
    [InlineData("1:2.0", "9:1.0")]
    [InlineData("2.17.0", "2.17.1")]
    public void The_first_is_older(string older, string newer)
    {
        Assert.True(VersionOrder.Compare(older, newer) < 0, $"{older} < {newer}");
        Assert.True(VersionOrder.Compare(newer, older) > 0, $"{newer} > {older}");
    }

    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("v1.2", "V1.2")]
    [InlineData("1.0.Final", "1.0")]
    [InlineData("01.2", "1.2")]
    public void These_are_the_same_version(string left, string right) => Assert.Equal(0, VersionOrder.Compare(left, right));
}
