namespace DescopeMgmt.Api;

/// <summary>The connection settings are unusable (no project ID, a plain-http remote URL...).</summary>
public sealed class DescopeConfigurationException(string message, string hint) : Exception(message)
{
    public string Hint { get; } = hint;
}
