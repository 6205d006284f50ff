using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Depwatch.Server.Web.Security;

/// <summary>
/// Ties a form field to its validation message for screen readers: the field gets <c>aria-invalid</c> and
/// <c>aria-describedby</c>, the message (<c>asp-validation-for</c>) the id they point to.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldAriaTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    // After the built-in input tag helper, whose attributes this adds to.
    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value?.ToString() : null;
        if (ViewContext.ModelState.TryGetValue(For.Name, out var entry) && entry.Errors.Count > 0)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            describedBy = string.Join(' ', new[] { FieldErrors.MessageId(For.Name), describedBy }.Where(s => !string.IsNullOrEmpty(s)));
        }
        if (!string.IsNullOrEmpty(describedBy))
        {
            output.Attributes.SetAttribute("aria-describedby", describedBy);
        }
    }
}

/// <summary>Gives a validation message the id its field's <c>aria-describedby</c> names.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorIdTagHelper : TagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output) =>
        output.Attributes.SetAttribute("id", FieldErrors.MessageId(For.Name));
}

public static class FieldErrors
{
    public static string MessageId(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";
}
