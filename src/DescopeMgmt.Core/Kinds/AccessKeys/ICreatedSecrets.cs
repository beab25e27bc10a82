using DescopeMgmt.Api.AccessKeys;

namespace DescopeMgmt.Core.Kinds.AccessKeys;

/// <summary>
/// Where a change puts the cleartext of each access key it creates: the service answers it once, in the create,
/// and never again, so it is kept the moment it arrives (a later step failing must not lose it). Nothing else
/// (output, logs, backups, the audit log) ever sees it.
/// </summary>
public interface ICreatedSecrets
{
    Task KeepAsync(CreatedAccessKey created, CancellationToken cancellationToken);
}
