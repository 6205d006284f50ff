using System.Runtime.CompilerServices;

// The web UI's tests arrange users and settings through the same services the pages use.
[assembly: InternalsVisibleTo("Depwatch.Web.Tests")]
