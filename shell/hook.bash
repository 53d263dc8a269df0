# oncall's hook for bash: `oncall hook bash` prints it; `oncall shell` loads it.
# Put at the END of ~/.bashrc:   eval "$(oncall hook bash)"
#
# Records the commands typed in THIS terminal only after `oncall capture on`
# was run in it, until `oncall capture off`, the incident's resolve or the
# terminal's end. Until then it costs one stat() per prompt and records nothing.
#
# No `return` or `exit` at the top level: this text is eval'd inside ~/.bashrc,
# and a top-level `return` would end ~/.bashrc itself.
#
# How (no DEBUG trap, no fork per command):
#   PS0            expanded once per command line, after it is read and before
#                  it runs (never for PROMPT_COMMAND, never for an empty line):
#                  its arithmetic and an array subscript set the start time and
#                  directory without a fork and print nothing.
#   PROMPT_COMMAND our function first (string, or bash 5.1+ array; under
#                  bash-preexec, its first precmd function): it reads $? and
#                  PIPESTATUS before anything else, and gives $? and $_ back.
#   history 1      the typed line, for a command that reached history (HISTCMD
#                  moved), written by the builtin itself into the FIFO.
if [[ -n ${BASH_VERSION-} && $- == *i* && -z ${__oncall_loaded-} ]] && ((BASH_VERSINFO[0] < 5)); then
  printf 'oncall: the hook needs bash 5 or newer (this is %s); nothing is recorded here.\n' "$BASH_VERSION" >&2
  __oncall_loaded=0
elif [[ -n ${BASH_VERSION-} && $- == *i* && -z ${__oncall_loaded-} ]]; then
__oncall_loaded=1
# The capture directory (mode 0700): written in by `oncall hook bash`.
__oncall_dir=@ONCALL_CAPTURE_DIR@
# `fifo`: a terminal with the hook; `osc`: inside `oncall shell`, where the
# records travel in the terminal stream, marked with a nonce. Both are taken
# out of the environment, so the commands run here never see the nonce.
__oncall_mode=${ONCALL_CAPTURE_MODE:-fifo}
__oncall_nonce=${ONCALL_SHELL_NONCE-}
unset ONCALL_CAPTURE_MODE ONCALL_SHELL_NONCE
# This terminal: `oncall capture on` (a child process) finds it in its env.
__oncall_sid="$$-${EPOCHSECONDS}"
[[ $__oncall_mode == fifo ]] && export ONCALL_CAPTURE_SESSION=$__oncall_sid
__oncall_fd= __oncall_reader= __oncall_seq=0 __oncall_t0= __oncall_c0= __oncall_z=
__oncall_hist=${HISTCMD:-0}
declare -A __oncall_e=()

# \ TAB LF CR ESC BEL as \\ \t \n \r \e \a: one record is one line, and an OSC
# payload holds no ESC or BEL. Builtins only.
__oncall_esc() {
  local v=$1
  if [[ $v == *[\\$'\t\n\r\e\a']* ]]; then
    v=${v//\\/\\\\} v=${v//$'\t'/\\t} v=${v//$'\n'/\\n}
    v=${v//$'\r'/\\r} v=${v//$'\e'/\\e} v=${v//$'\a'/\\a}
  fi
  __oncall_r=$v
}

# While recording, a repeated command must reach history too (HISTCMD moving
# is how a recorded line is told from one kept out of it): ignoredups and
# erasedups are suspended, and HISTIGNORE's `&` (a repeat of the previous
# line), ignorespace and HISTIGNORE's other patterns kept; given back after.
__oncall_histcontrol() {
  __oncall_saved_hi=${HISTIGNORE-} __oncall_saved_hi_set=${HISTIGNORE+set}
  if [[ -n $__oncall_saved_hi_set ]]; then
    local hi=:$HISTIGNORE:
    while [[ $hi == *':&:'* ]]; do hi=${hi//':&:'/:}; done
    hi=${hi#:} HISTIGNORE=${hi%:}
  fi
  __oncall_saved_hc=${HISTCONTROL-} __oncall_saved_hc_set=${HISTCONTROL+set}
  local IFS=: w out=()
  for w in ${HISTCONTROL-}; do
    case $w in
      ignoreboth) out+=(ignorespace) ;;
      ignoredups | erasedups) ;;
      *) out+=("$w") ;;
    esac
  done
  HISTCONTROL="${out[*]}"
}
__oncall_histcontrol_restore() {
  if [[ -n ${__oncall_saved_hc_set-} ]]; then HISTCONTROL=$__oncall_saved_hc; else unset HISTCONTROL; fi
  [[ -n ${__oncall_saved_hi_set-} ]] && HISTIGNORE=$__oncall_saved_hi
}

# PS0: the start time (EPOCHREALTIME's digits: a locale's decimal comma cannot
# break it) and directory, set by expansion alone; in `oncall shell` also
# OSC 133;C, where the command's output starts. (No \[ \] in PS0: bash would
# print them there.)
__oncall_ps0='${__oncall_e[${__oncall_c0:=$PWD}]-}${__oncall_z:$((__oncall_t0=${EPOCHREALTIME//[!0-9]/},0)):0}'
[[ $__oncall_mode == osc ]] && __oncall_ps0+='\e]133;C\a'
__oncall_ps0_on() { [[ ${PS0-} == *'__oncall_t0='* ]] || PS0=$__oncall_ps0${PS0-}; }
__oncall_ps0_off() { [[ ${PS0-} == "$__oncall_ps0"* ]] && PS0=${PS0#"$__oncall_ps0"}; }

__oncall_activate() {
  local on=$__oncall_dir/$__oncall_sid.on line
  [[ -f $on && -p $__oncall_dir/$__oncall_sid.fifo ]] || return 1
  IFS= read -r line <"$on" || return 1
  __oncall_reader=${line%%$'\t'*}
  # Read and write: the open never blocks and a write never gets SIGPIPE.
  exec {__oncall_fd}<>"$__oncall_dir/$__oncall_sid.fifo" || return 1
  export ONCALL_INCIDENT=${line#*$'\t'}
  __oncall_histcontrol
  __oncall_ps0_on
}

__oncall_deactivate() {
  [[ -n $__oncall_fd ]] && exec {__oncall_fd}>&-
  __oncall_fd= __oncall_reader=
  unset ONCALL_INCIDENT
  __oncall_histcontrol_restore
  __oncall_ps0_off
}

# Capture on, and its recorder still there? A bash write to a full pipe would
# block this shell: nothing is written once the recorder is gone.
__oncall_live() {
  [[ $__oncall_mode == osc ]] && return 0
  if [[ -z $__oncall_fd ]]; then
    [[ -f $__oncall_dir/$__oncall_sid.on ]] && __oncall_activate
    return 1 # the command just run came before capture was on
  fi
  if [[ ! -f $__oncall_dir/$__oncall_sid.on ]] || ! kill -0 "$__oncall_reader" 2>/dev/null; then
    __oncall_deactivate
    return 1
  fi
}

__oncall_precmd() {
  # First statement: $? and PIPESTATUS of the user's command line, in one go.
  local __s=$? __ps=("${PIPESTATUS[@]}") __t1=$EPOCHREALTIME IFS=' '
  local __ran=$__oncall_t0 __c0=$__oncall_c0 __added=0
  # Under bash-preexec, its loop calls us: PIPESTATUS is its copy.
  [[ -n ${bash_preexec_imported-} && -n ${BP_PIPESTATUS+set} ]] && __ps=("${BP_PIPESTATUS[@]}")
  __oncall_t0= __oncall_c0=
  ((HISTCMD != __oncall_hist)) && __added=1
  __oncall_hist=$HISTCMD
  __oncall_live || __ran=
  if [[ -n $__ran ]] && ((__added)); then
    local __cwd __h="oncall1	F	bash	$__oncall_sid	$((++__oncall_seq))	$__ran	$__t1	$__s	${__ps[*]}		h"
    __oncall_esc "$__c0"
    __cwd=$__oncall_r
    # `history 1` writes the line itself (ENC h): the reader takes the number
    # off and drops a line that starts with a space.
    if [[ $__oncall_mode == osc ]]; then
      printf '\e]6973;%s;%s\t%s\t' "$__oncall_nonce" "$__h" "$__cwd"
      HISTTIMEFORMAT= builtin history 1
      printf '\a'
    else
      printf '%s\t%s\n' "$__h" "$__cwd" >&"$__oncall_fd"
      HISTTIMEFORMAT= builtin history 1 >&"$__oncall_fd"
      printf 'oncall1\tE\n' >&"$__oncall_fd"
    fi
    __ran=
  fi
  # While recording, first again if a hook installed after ours took that place.
  [[ -n $__oncall_fd || $__oncall_mode == osc ]] && __oncall_first
  # Ran but not recorded (space-prefixed, kept out of history): `oncall shell`
  # leaves its echo and output out of the session recording too.
  if [[ $__oncall_mode == osc ]]; then
    [[ -n $__ran ]] && printf '\e]6973;%s;oncall1\tX\tbash\t%s\a' "$__oncall_nonce" "$__oncall_sid"
    printf '\e]133;D;%s\a' "$__s"
  fi
  return $__s
}

# `oncall shell`: the prompt names the incident. Last in PROMPT_COMMAND, after
# a prompt theme that rebuilds PS1 each time (starship does).
__oncall_prompt() {
  local s=$?
  [[ -n ${__oncall_tag-} && $PS1 != "$__oncall_tag"* ]] && PS1=$__oncall_tag$PS1
  return $s
}

# A hook installed after ours can put itself before us and change $?,
# PIPESTATUS and the clock before we read them: direnv and mise prepend
# themselves to PROMPT_COMMAND; starship moves all of PROMPT_COMMAND into
# STARSHIP_PROMPT_COMMAND, evaluated after a test that resets $? to 0 (every
# command was recorded as a success); bash-preexec, loaded later, runs us
# after its own precmd functions. So while recording, at each prompt, our
# precmd is first again: the first entry of PROMPT_COMMAND, or under
# bash-preexec its first precmd function, and nowhere else in
# PROMPT_COMMAND; and in `oncall shell` the incident's tag is put on PS1 last,
# after a theme loaded later that sets PS1 (from the next prompt on). A copy
# of ours left inside another tool's own variable (starship's) still runs:
# after the first, it has nothing left to record.
__oncall_first() {
  local pre='__oncall_precmd "$_"' tag='__oncall_prompt "$_"' f fs=()
  if [[ -n ${bash_preexec_imported-}${__bp_imported-} ]]; then
    if [[ ${precmd_functions[0]-} != __oncall_precmd ]]; then
      for f in "${precmd_functions[@]}"; do [[ $f == __oncall_precmd ]] || fs+=("$f"); done
      precmd_functions=(__oncall_precmd "${fs[@]}")
    fi
    if [[ -n ${__oncall_tag-} && ${precmd_functions[-1]} != __oncall_prompt ]]; then
      fs=()
      for f in "${precmd_functions[@]}"; do [[ $f == __oncall_prompt ]] || fs+=("$f"); done
      precmd_functions=("${fs[@]}" __oncall_prompt)
    fi
    [[ "${PROMPT_COMMAND[*]-}" == *__oncall_p* ]] && __oncall_drop "$pre" && __oncall_drop "$tag"
    return 0
  fi
  if [[ "${PROMPT_COMMAND[*]-}" != "$pre"* ]]; then
    __oncall_drop "$pre"
    if [[ ${PROMPT_COMMAND@a} == *a* ]]; then
      PROMPT_COMMAND=("$pre" "${PROMPT_COMMAND[@]}")
    else
      PROMPT_COMMAND=$pre${PROMPT_COMMAND:+$'\n'$PROMPT_COMMAND}
    fi
  fi
  if [[ -n ${__oncall_tag-} && "${PROMPT_COMMAND[*]}" != *"$tag" ]]; then
    __oncall_drop "$tag"
    if [[ ${PROMPT_COMMAND@a} == *a* ]]; then PROMPT_COMMAND+=("$tag"); else PROMPT_COMMAND+=$'\n'$tag; fi
  fi
  return 0
}
# One entry of ours out of PROMPT_COMMAND (with a `;` that followed it, so
# that what is left still parses).
__oncall_drop() {
  if [[ ${PROMPT_COMMAND@a} == *a* ]]; then
    local e es=()
    for e in "${PROMPT_COMMAND[@]}"; do [[ $e == "$1" ]] || es+=("$e"); done
    PROMPT_COMMAND=("${es[@]}")
  else
    local pc=${PROMPT_COMMAND-}
    pc=${pc//"$1;"/} pc=${pc//"$1"/}
    PROMPT_COMMAND=$pc
  fi
}

__oncall_install() {
  if [[ -n ${bash_preexec_imported-}${__bp_imported-} ]]; then
    # bash-preexec owns PROMPT_COMMAND and the DEBUG trap: be its first precmd.
    [[ " ${precmd_functions[*]-} " == *' __oncall_precmd '* ]] ||
      precmd_functions=(__oncall_precmd "${precmd_functions[@]}")
  elif [[ "${PROMPT_COMMAND[*]-}" != *'__oncall_precmd'* ]]; then
    # Chain, never replace; first, so that $? and PIPESTATUS are the user's.
    if [[ ${PROMPT_COMMAND@a} == *a* ]]; then
      PROMPT_COMMAND=('__oncall_precmd "$_"' "${PROMPT_COMMAND[@]}")
    else
      PROMPT_COMMAND='__oncall_precmd "$_"'${PROMPT_COMMAND:+$'\n'$PROMPT_COMMAND}
    fi
  fi
}
__oncall_install

if [[ $__oncall_mode == osc ]]; then
  __oncall_histcontrol
  __oncall_ps0_on
  if [[ ${ONCALL_SHELL_PROMPT-1} != 0 && -n ${ONCALL_INCIDENT-} ]]; then
    __oncall_tag="[${ONCALL_INCIDENT}${ONCALL_SEVERITY:+ $ONCALL_SEVERITY}] "
    if [[ -n ${bash_preexec_imported-}${__bp_imported-} ]]; then
      precmd_functions+=(__oncall_prompt)
    elif [[ ${PROMPT_COMMAND@a} == *a* ]]; then
      PROMPT_COMMAND+=('__oncall_prompt "$_"')
    else
      PROMPT_COMMAND+=$'\n__oncall_prompt "$_"'
    fi
  fi
fi
fi
