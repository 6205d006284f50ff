using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Depwatch.Server.Web.Users;
using Microsoft.Extensions.Configuration;

namespace Depwatch.Server.Tests.Deployment;

/// <summary>
/// The settings the server reads, found where it reads them: every options class's properties under its
/// <c>Section</c>, the environment shortcuts, the administrator password variable and ASP.NET Core's <c>Urls</c>.
/// </summary>
internal static class KnownSettings
{
    private static readonly string[] s_hostSettings = ["Urls"];

    private static readonly IReadOnlyList<(string Section, Type Options)> s_sections =
        [.. typeof(Program).Assembly.GetTypes()
            .Select(type => (Type: type, Field: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(found => found.Field is { IsLiteral: true } && found.Field.FieldType == typeof(string) && found.Type.GetConstructor(Type.EmptyTypes) is not null)
            .Select(found => ((string)found.Field!.GetRawConstantValue()!, found.Type))];

    /// <summary>The configuration key an environment variable sets (<c>__</c> is <c>:</c>), after the shortcuts.</summary>
    public static string KeyOf(string variable) =>
        HostingExtensions.EnvironmentShortcuts.TryGetValue(variable, out var key) ? key : variable.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Null when the server reads this variable, else why not.</summary>
    public static string? Problem(string variable)
    {
        if (variable == AdminUserBootstrap.PasswordVariable || s_hostSettings.Contains(variable, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = KeyOf(variable);
        // Several options classes may read one section (Depwatch:Trivy has the analyzer's and managed mode's).
        var owners = s_sections.Where(section => key.StartsWith(section.Section + ":", StringComparison.OrdinalIgnoreCase)).ToList();
        if (owners.Count == 0)
        {
            return $"{variable}: no options section holds {key}";
        }
        var longest = owners.Max(section => section.Section.Length);
        owners = [.. owners.Where(section => section.Section.Length == longest)];
        var path = key[(longest + 1)..].Split(':');
        return owners.Any(owner => Reads(owner.Options, path))
            ? null
            : $"{variable}: {string.Join(" or ", owners.Select(owner => owner.Options.Name))} ({owners[0].Section}) has no setting {string.Join(':', path)}";
    }

    private static bool Reads(Type options, string[] path)
    {
        var property = options.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        var isListEntry = path.Length == 2 && int.TryParse(path[1], out _) && property?.PropertyType.IsAssignableTo(typeof(System.Collections.IList)) == true;
        return property is { CanWrite: true } && (path.Length == 1 || isListEntry);
    }

    /// <summary>The validation errors of every options section these settings touch, bound as the server binds them.</summary>
    public static IEnumerable<string> ValidationErrors(IReadOnlyDictionary<string, string> variables)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(variable => KeyValuePair.Create(KeyOf(variable.Key), (string?)variable.Value)))
            .Build();
        foreach (var (section, type) in s_sections.Where(section => configuration.GetSection(section.Section).Exists()))
        {
            var options = configuration.GetSection(section).Get(type) ?? Activator.CreateInstance(type)!;
            List<ValidationResult> results = [];
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            if (options is IValidatableObject validatable)
            {
                results.AddRange(validatable.Validate(new ValidationContext(options)));
            }
            foreach (var result in results)
            {
                yield return $"{section}: {result.ErrorMessage}";
            }
        }
    }
}
