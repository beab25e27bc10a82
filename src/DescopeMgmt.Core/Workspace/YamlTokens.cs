using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// The stand-ins <see cref="TemplateText.ParseYaml"/> parses in place of placeholder values: a start, the value's index,
/// padding and an end, all private-use characters the file does not hold, so a token is plain text in every YAML
/// context and never mistaken for the file's own text. <see cref="Fill"/> then puts the values into the parsed scalars.
/// </summary>
internal sealed class YamlTokens
{
    private readonly char _start;
    private readonly char _pad;
    private readonly char _end;
    private readonly List<string> _values = [];

    public YamlTokens(string text)
    {
        var free = Enumerable.Range(0xE000, 0xF8FF - 0xE000 + 1).Select(c => (char)c).Where(c => text.IndexOf(c, StringComparison.Ordinal) < 0).Take(3).ToArray();
        (_start, _pad, _end) = (free[0], free[1], free[2]);
    }

    /// <summary>The token for <paramref name="value"/>, padded to <paramref name="length"/> (the placeholder's) where it is shorter.</summary>
    public string Add(string value, int length)
    {
        var index = _values.Count.ToString(CultureInfo.InvariantCulture);
        _values.Add(value);
        return $"{_start}{index}{new string(_pad, Math.Max(0, length - index.Length - 2))}{_end}";
    }

    /// <summary>Replaces every token under <paramref name="node"/> by its value; each scalar that was one placeholder alone goes to <paramref name="placeholders"/>.</summary>
    public void Fill(YamlNode node, string file, List<WorkspaceProblem> problems, ISet<YamlNode> placeholders)
    {
        switch (node)
        {
            case YamlScalarNode scalar when scalar.Value is { } text && text.Contains(_start, StringComparison.Ordinal):
                var trimmed = text.Trim();
                if (trimmed.Length > 1 && trimmed[0] == _start && trimmed[^1] == _end && trimmed.IndexOf(_start, 1) < 0)
                {
                    placeholders.Add(scalar);
                }

                scalar.Value = Replace(text);
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    Fill(item, file, problems, placeholders);
                }

                break;
            case YamlMappingNode map:
                // A key is part of the mapping's index: one that changes is taken out and put back.
                var pairs = map.Children.ToList();
                if (pairs.Any(p => p.Key is YamlScalarNode { Value: { } key } && key.Contains(_start, StringComparison.Ordinal)))
                {
                    map.Children.Clear();
                    foreach (var (key, value) in pairs)
                    {
                        Fill(key, file, problems, placeholders);
                        if (!map.Children.TryAdd(key, value))
                        {
                            problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(key), YamlNodes.Column(key), "this key repeats an earlier key of its mapping once its placeholders are filled"));
                        }
                    }
                }

                foreach (var (_, value) in pairs)
                {
                    Fill(value, file, problems, placeholders);
                }

                break;
        }
    }

    private string Replace(string text)
    {
        var result = new StringBuilder(text.Length);
        var at = 0;
        while (text.IndexOf(_start, at) is var start and >= 0)
        {
            if (text.IndexOf(_end, start) is not (var end and >= 0))
            {
                break;
            }

            var digits = text.AsSpan(start + 1, end - start - 1).TrimEnd(_pad);
            result.Append(text, at, start - at).Append(_values[int.Parse(digits, CultureInfo.InvariantCulture)]);
            at = end + 1;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }
}
