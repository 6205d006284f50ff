namespace Depwatch.Server.Web.Portfolio;

/// <summary>Previous/next links for a paged list; <see cref="Link"/> gives a page's address.</summary>
internal sealed record PagerView(int Page, int Pages, Func<int, string> Link);
