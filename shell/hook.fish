# oncall's hook for fish: `oncall hook fish` prints it; `oncall shell` loads it.
# Put in ~/.config/fish/config.fish:   oncall hook fish | source
#
# Records the commands typed in THIS terminal only after `oncall capture on`
# was run in it, until `oncall capture off`, the incident's resolve or the
# terminal's end. Until then it costs one test per prompt and records nothing.
#
# How: event handlers, which chain by nature (every function on an event
# runs): fish_preexec ($argv[1] is the line as typed), fish_postexec ($status
# and $pipestatus are the user's, $CMD_DURATION in ms). fish has no builtin
# clock and keeps no file descriptor open: a record carries no wall time
# (oncall stamps its arrival, within a millisecond) and opens the FIFO for each
# write, after checking that its reader is there (opening a FIFO nobody reads
# would block).
if status is-interactive; and not set -q __oncall_loaded
    set -g __oncall_loaded 1
    # The capture directory (mode 0700): written in by `oncall hook fish`.
    set -g __oncall_dir @ONCALL_CAPTURE_DIR@
    # `fifo`: a terminal with the hook; `osc`: inside `oncall shell` (records in
    # the terminal stream, marked with a nonce the commands never see).
    set -q ONCALL_CAPTURE_MODE; and set -g __oncall_mode $ONCALL_CAPTURE_MODE; or set -g __oncall_mode fifo
    set -q ONCALL_SHELL_NONCE; and set -g __oncall_nonce $ONCALL_SHELL_NONCE; or set -g __oncall_nonce ''
    set -e ONCALL_CAPTURE_MODE
    set -e ONCALL_SHELL_NONCE
    set -g __oncall_sid $fish_pid-(random 1 2147483647)
    test $__oncall_mode = fifo; and set -gx ONCALL_CAPTURE_SESSION $__oncall_sid
    set -g __oncall_on ''
    set -g __oncall_reader ''
    set -g __oncall_ran ''
    set -g __oncall_c0 ''
    test -d /proc/self; and set -g __oncall_proc 1; or set -g __oncall_proc ''

    function __oncall_send
        if test $__oncall_mode = osc
            printf '\e]6973;%s;%s\a' $__oncall_nonce $argv[1]
        else
            printf '%s\n' $argv[1] >>$__oncall_dir/$__oncall_sid.fifo
        end
    end

    function __oncall_deactivate
        set -g __oncall_on ''
        set -g __oncall_reader ''
        set -e ONCALL_INCIDENT
    end

    # Capture on, and its recorder still there (/proc where there is one)?
    function __oncall_live
        test $__oncall_mode = osc; and return 0
        test -n "$__oncall_on"; or return 1
        if not test -f $__oncall_dir/$__oncall_sid.on
            __oncall_deactivate
            return 1
        end
        if test -n "$__oncall_proc"; and not test -d /proc/$__oncall_reader
            __oncall_deactivate
            return 1
        end
        return 0
    end

    function __oncall_prompt --on-event fish_prompt
        if test $__oncall_mode = fifo; and test -z "$__oncall_on"; and test -f $__oncall_dir/$__oncall_sid.on
            read -l line <$__oncall_dir/$__oncall_sid.on; or return
            set -l parts (string split -m1 \t -- $line)
            set -g __oncall_reader $parts[1]
            set -gx ONCALL_INCIDENT $parts[2]
            set -g __oncall_on 1
        end
    end

    function __oncall_preexec --on-event fish_preexec
        # Off: one test, nothing else.
        test -z "$__oncall_on"; and test $__oncall_mode = fifo; and return
        set -g __oncall_ran 1
        set -g __oncall_c0 $PWD
        test $__oncall_mode = osc; and printf '\e]133;C\a'
        set -q fish_private_mode; and return
        string match -qr '^\s' -- $argv[1]; and return
        test -n "$argv[1]"; or return
        __oncall_live; or return
        # One substitution for both fields (each costs about 50 µs in fish).
        set -l e (string escape --style=url -- $PWD $argv[1])
        # No number: the S opens the session's next run, the F after it closes it.
        __oncall_send "oncall1	S	fish	$__oncall_sid							u	$e[1]	$e[2]"
    end

    function __oncall_postexec --on-event fish_postexec
        # First statement: $status and $pipestatus of the user's command line.
        set -l s $status
        set -l ps $pipestatus
        test -z "$__oncall_ran"; and return
        set -g __oncall_ran ''
        if not set -q fish_private_mode; and not string match -qr '^\s' -- $argv[1]; and test -n "$argv[1]"; and __oncall_live
            set -l e (string escape --style=url -- $__oncall_c0 $argv[1])
            __oncall_send "oncall1	F	fish	$__oncall_sid				$s	$ps	$CMD_DURATION	u	$e[1]	$e[2]"
        else if test $__oncall_mode = osc
            __oncall_send "oncall1	X	fish	$__oncall_sid"
        end
        test $__oncall_mode = osc; and printf '\e]133;D;%s\a' $s
    end

    if test $__oncall_mode = osc; and test "$ONCALL_SHELL_PROMPT" != 0; and set -q ONCALL_INCIDENT
        set -g __oncall_tag "[$ONCALL_INCIDENT"(set -q ONCALL_SEVERITY; and echo " $ONCALL_SEVERITY")"] "
        # Wrapped at the first prompt, once config.fish has run to its end: a
        # theme that defines fish_prompt after this hook (starship) is wrapped
        # too, not put in place of the tag.
        function __oncall_tag_prompt --on-event fish_prompt
            functions -e __oncall_tag_prompt
            functions -q fish_prompt; or return
            functions -c fish_prompt __oncall_user_prompt
            # The user's prompt runs first, so that the $status and
            # $pipestatus it shows are the command's, not the printf's.
            function fish_prompt
                set -l p (__oncall_user_prompt | string collect -N)
                printf '%s%s' $__oncall_tag "$p"
            end
        end
    end
end
