namespace DescopeMgmt.Core.Model;

/// <summary>
/// Holds the management key so it cannot end up in output by accident: ToString, records and
/// string interpolation all show "(sensitive)"; only <see cref="Reveal"/> gives the value.
/// </summary>
public sealed class Secret(string value)
{
    public string Reveal() => value;

    public bool IsEmpty => string.IsNullOrEmpty(value);

    public override string ToString() => "(sensitive)";
}
