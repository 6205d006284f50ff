using Depwatch.Cli.Output;

namespace Depwatch.Cli.Tests.Output;

public sealed class ReportWritersTests
{
    [Theory]
    [InlineData("table", typeof(TableReportWriter))]
    [InlineData("JSON", typeof(JsonReportWriter))]
    [InlineData("Sarif", typeof(SarifReportWriter))]
    public void Known_formats_have_a_writer_in_any_case(string format, Type writerType)
    {
        Assert.IsType(writerType, ReportWriters.For(format));
    }

    [Fact]
    public void Unknown_format_has_no_writer()
    {
        Assert.Null(ReportWriters.For("xml"));
    }
}
