namespace DescopeMgmt.Core.Changes;

/// <summary>
/// A write of one item made of several calls stopped after an earlier call changed it (an SSO configuration created,
/// then its configure refused): the item changed, whatever the failed call's own answer says, and the message says
/// what exists now. <see cref="WriteFailure"/> counts it as a write that may have changed the item.
/// </summary>
public sealed class PartlyWrittenException(string message, Exception innerException) : Exception(message, innerException);
