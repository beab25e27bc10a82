namespace DescopeMgmt.Cli.Commands.Completion;

/// <summary>
/// The shell scripts `descope-mgmt completion SHELL` prints. Each is a thin shim: on TAB it sends the text
/// before the cursor to `descope-mgmt [suggest:N] "LINE"` (<see cref="SuggestAction"/>) and offers the words
/// that come back, one a line, or file names when none do. The command tree stays the one source of truth,
/// so a script never goes stale when commands or options change.
/// </summary>
internal static class CompletionScripts
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish", "pwsh"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        "pwsh" => Pwsh,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Unknown shell."),
    };

    private const string Bash = """
        # bash completion for descope-mgmt.
        #   This session:   source <(descope-mgmt completion bash)
        #   Every session:  add that line to ~/.bashrc, or save this script as
        #                   ~/.local/share/bash-completion/completions/descope-mgmt
        # On each TAB it asks descope-mgmt what can come next, so it follows the installed version.
        _descope_mgmt_complete()
        {
            # The text before the cursor, without the program name: what descope-mgmt completes.
            local line="${COMP_LINE:0:COMP_POINT}"
            line="${line#"${line%%[![:space:]]*}"}"
            line="${line#"${COMP_WORDS[0]}"}"
            line="${line#"${line%%[![:space:]]*}"}"
            local IFS=$'\n'
            COMPREPLY=($(command "${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null))
        }
        # -o default: with no suggestion (a file argument), complete file names.
        complete -o default -F _descope_mgmt_complete descope-mgmt

        """;

    private const string Zsh = """
        #compdef descope-mgmt
        # zsh completion for descope-mgmt.
        #   This session:   source <(descope-mgmt completion zsh)
        #   Every session:  add that line to ~/.zshrc, or save this script as _descope-mgmt in a folder of $fpath
        # On each TAB it asks descope-mgmt what can come next, so it follows the installed version.
        _descope_mgmt() {
          # The words before the cursor, without the program name, then the part of the current word typed so far.
          local line="${(j: :)${(@)words[2,CURRENT-1]}}"
          [[ -n "$line" ]] && line+=" "
          line+="$PREFIX"
          local -a suggestions
          suggestions=("${(@f)$(command "${words[1]}" "[suggest:${#line}]" "$line" 2>/dev/null)}")
          suggestions=("${(@)suggestions:#}")
          if (( ${#suggestions} )); then
            compadd -- "${suggestions[@]}"
          else
            # No suggestion (a file argument): complete file names.
            _files
          fi
        }
        if [[ "${funcstack[1]}" == "_descope-mgmt" ]]; then
          # Autoloaded from $fpath on the first TAB.
          _descope_mgmt "$@"
        else
          (( $+functions[compdef] )) || { autoload -Uz compinit && compinit; }
          compdef _descope_mgmt descope-mgmt
        fi

        """;

    private const string Fish = """
        # fish completion for descope-mgmt.
        #   Every session:  descope-mgmt completion fish > ~/.config/fish/completions/descope-mgmt.fish
        #   This session:   descope-mgmt completion fish | source
        # On each TAB it asks descope-mgmt what can come next, so it follows the installed version.
        function __descope_mgmt_complete
            # The words before the cursor, without the program name, then the part of the current word typed so far.
            set -l words (commandline -opc)
            set -l program $words[1]
            set -e words[1]
            set -l current (commandline -ct)
            set -l line
            for word in $words
                if string match -q -- '* *' $word
                    set word "\"$word\""
                end
                set line "$line$word "
            end
            set line "$line$current"
            set -l suggestions (command $program "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null)
            if test (count $suggestions) -gt 0
                printf '%s\n' $suggestions
            else
                # No suggestion (a file argument): complete file names.
                __fish_complete_path "$current"
            end
        end
        complete -c descope-mgmt -f -a '(__descope_mgmt_complete)'

        """;

    private const string Pwsh = """
        # PowerShell completion for descope-mgmt.
        #   This session:   descope-mgmt completion pwsh | Out-String | Invoke-Expression
        #   Every session:  add that line to $PROFILE
        # On each TAB it asks descope-mgmt what can come next, so it follows the installed version.
        Register-ArgumentCompleter -Native -CommandName 'descope-mgmt' -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            # The text before the cursor, without the program name.
            $program = $commandAst.CommandElements[0].Extent.Text
            $text = $commandAst.Extent.Text
            $end = [Math]::Max(0, [Math]::Min($cursorPosition - $commandAst.Extent.StartOffset, $text.Length))
            $line = $text.Substring(0, $end)
            $line = $line.Substring([Math]::Min($program.Length, $line.Length)).TrimStart()
            # After a space the word to complete is empty; the command's text does not hold that space.
            if ($wordToComplete -eq '' -and $line -ne '' -and -not $line.EndsWith(' ')) { $line += ' ' }
            & $program "[suggest:$($line.Length)]" $line 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
