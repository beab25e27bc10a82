using System.Text.Json.Serialization;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Api.Flows;
using DescopeMgmt.Api.Password;
using DescopeMgmt.Api.Permissions;
using DescopeMgmt.Api.Projects;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Sso;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Api.Themes;
using DescopeMgmt.Api.Users;

namespace DescopeMgmt.Api.Json;

/// <summary>
/// The one source-generated JSON context of the wire format. Lenient on read: numbers may come as
/// strings (proto int64), missing fields keep defaults, unknown fields are ignored or kept as extension data.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(EmptyBody))]
[JsonSerializable(typeof(ApiErrorBody))]
[JsonSerializable(typeof(FlowListRequest))]
[JsonSerializable(typeof(FlowListResponse))]
[JsonSerializable(typeof(FlowIdRequest))]
[JsonSerializable(typeof(FlowDeleteRequest))]
[JsonSerializable(typeof(FlowV2Envelope))]
[JsonSerializable(typeof(FlowV1Document))]
[JsonSerializable(typeof(ThemeEnvelope))]
[JsonSerializable(typeof(Tenant))]
[JsonSerializable(typeof(TenantWrite))]
[JsonSerializable(typeof(TenantCreateResponse))]
[JsonSerializable(typeof(TenantListResponse))]
[JsonSerializable(typeof(TenantDeleteRequest))]
[JsonSerializable(typeof(TenantSearch))]
[JsonSerializable(typeof(SnapshotExportRequest))]
[JsonSerializable(typeof(SnapshotFiles))]
[JsonSerializable(typeof(SnapshotImportRequest))]
[JsonSerializable(typeof(SnapshotValidation))]
[JsonSerializable(typeof(LicenseResponse))]
[JsonSerializable(typeof(PermissionWrite))]
[JsonSerializable(typeof(PermissionListResponse))]
[JsonSerializable(typeof(PermissionUpdateRequest))]
[JsonSerializable(typeof(PermissionDeleteRequest))]
[JsonSerializable(typeof(PermissionBatchCreateRequest))]
[JsonSerializable(typeof(PermissionBatchDeleteRequest))]
[JsonSerializable(typeof(RoleWrite))]
[JsonSerializable(typeof(RoleListResponse))]
[JsonSerializable(typeof(RoleUpdateRequest))]
[JsonSerializable(typeof(RoleDeleteRequest))]
[JsonSerializable(typeof(RoleBatchCreateRequest))]
[JsonSerializable(typeof(RoleBatchDeleteRequest))]
[JsonSerializable(typeof(RoleSearch))]
[JsonSerializable(typeof(PasswordSettings))]
[JsonSerializable(typeof(AccessKeyWrite))]
[JsonSerializable(typeof(AccessKeyUpdateRequest))]
[JsonSerializable(typeof(AccessKeyIdRequest))]
[JsonSerializable(typeof(AccessKeySearch))]
[JsonSerializable(typeof(AccessKeyEnvelope))]
[JsonSerializable(typeof(AccessKeyListResponse))]
[JsonSerializable(typeof(CreatedAccessKeyResponse))]
[JsonSerializable(typeof(SsoSettingsList))]
[JsonSerializable(typeof(SsoSettingsAnswer))]
[JsonSerializable(typeof(SsoNewRequest))]
[JsonSerializable(typeof(SsoSamlRequest))]
[JsonSerializable(typeof(SsoOidcRequest))]
[JsonSerializable(typeof(UserWrite))]
[JsonSerializable(typeof(UserSearch))]
[JsonSerializable(typeof(UserPage))]
[JsonSerializable(typeof(UserEnvelope))]
[JsonSerializable(typeof(UserStatusRequest))]
[JsonSerializable(typeof(UserRolesRequest))]
[JsonSerializable(typeof(UserDeleteRequest))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
