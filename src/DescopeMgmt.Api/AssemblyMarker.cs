namespace DescopeMgmt.Api;
internal static class AssemblyMarker;
