namespace DescopeMgmt.Api.Http;

/// <summary>Base URL rules: regional hosts for long project IDs, overrides, and what is refused.</summary>
public static class BaseUrlResolver
{
    public static readonly Uri DefaultBaseUrl = new("https://api.descope.com");

    public static Uri Resolve(string projectId, Uri? explicitBaseUrl)
    {
        if (explicitBaseUrl is not null)
        {
            Validate(explicitBaseUrl);
            return new Uri(explicitBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        }

        // The SDKs derive the regional host from long project IDs: characters 1-4 name the region.
        if (projectId.Length >= 32)
        {
            return new Uri($"https://api.{projectId.Substring(1, 4).ToLowerInvariant()}.descope.com");
        }

        return DefaultBaseUrl;
    }

    private static void Validate(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new DescopeConfigurationException(
                $"Base URL '{(url.IsAbsoluteUri ? Redacted(url) : "(relative)")}' is not an http(s) URL.",
                "Use https://api.descope.com, a regional https URL, or 'local' for the embedded emulator.");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            throw new DescopeConfigurationException(
                $"Refusing plain-http base URL '{url.GetLeftPart(UriPartial.Authority)}': the management key would travel in clear.",
                "Use an https:// URL; plain http is allowed only for loopback addresses such as http://127.0.0.1:PORT.");
        }

        // Credentials in the URL would travel to every host it names and end up in traces and messages;
        // the management key is the only credential, and it goes in the Authorization header.
        if (url.UserInfo.Length > 0)
        {
            throw new DescopeConfigurationException(
                $"Refusing base URL '{Redacted(url)}': it holds a user name or password (before '@'), which is never sent.",
                "Remove the 'user:password@' part; the management key comes from DESCOPE_MANAGEMENT_KEY.");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new DescopeConfigurationException(
                $"Refusing base URL '{Redacted(url)}': it holds a query or fragment ('?...' or '#...'), which the API does not use.",
                "Give the base URL alone, e.g. https://api.descope.com.");
        }
    }

    /// <summary>The URL without user info, query or fragment, safe to print.</summary>
    private static string Redacted(Uri url) => $"{url.Scheme}://{url.Authority}{url.AbsolutePath}".TrimEnd('/');
}
