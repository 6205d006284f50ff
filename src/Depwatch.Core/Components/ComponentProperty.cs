namespace Depwatch.Core.Components;

public sealed record ComponentProperty(string Name, string Value);
