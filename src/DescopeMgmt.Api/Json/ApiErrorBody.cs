namespace DescopeMgmt.Api.Json;

/// <summary>The service's error body; <c>message</c> was seen on live answers besides the documented three.</summary>
public sealed class ApiErrorBody
{
    public string? ErrorCode { get; set; }

    public string? ErrorDescription { get; set; }

    public string? ErrorMessage { get; set; }

    public string? Message { get; set; }
}

public sealed class EmptyBody;
