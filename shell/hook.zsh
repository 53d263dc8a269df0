# oncall's hook for zsh: `oncall hook zsh` prints it; `oncall shell` loads it.
# Put at the END of ~/.zshrc:   eval "$(oncall hook zsh)"
#
# Records the commands typed in THIS terminal only after `oncall capture on`
# was run in it, until `oncall capture off`, the incident's resolve or the
# terminal's end. Until then it costs one stat() per prompt and records nothing.
#
# How: preexec ($1 is the line as typed, a leading space kept even with
# HIST_IGNORE_SPACE) and precmd (first in precmd_functions, so $pipestatus is
# the user's; zsh gives every hook function the user's $?), chained through
# the hook arrays as add-zsh-hook does, never replacing anyone's. zsh/system
# opens the FIFO non-blocking and close-on-exec: a full pipe or a vanished
# recorder makes a write fail, never hang the shell.
if [[ -n ${ZSH_VERSION-} && -o interactive && -z ${__oncall_loaded-} ]] &&
   zmodload zsh/datetime 2>/dev/null && zmodload -F zsh/system b:sysopen b:syswrite 2>/dev/null; then
typeset -g __oncall_loaded=1
# The capture directory (mode 0700): written in by `oncall hook zsh`.
typeset -g __oncall_dir=@ONCALL_CAPTURE_DIR@
# `fifo`: a terminal with the hook; `osc`: inside `oncall shell` (records in
# the terminal stream, marked with a nonce the commands never see).
typeset -g __oncall_mode=${ONCALL_CAPTURE_MODE:-fifo}
typeset -g __oncall_nonce=${ONCALL_SHELL_NONCE-}
unset ONCALL_CAPTURE_MODE ONCALL_SHELL_NONCE
typeset -g __oncall_sid="$$-${EPOCHSECONDS}"
[[ $__oncall_mode == fifo ]] && export ONCALL_CAPTURE_SESSION=$__oncall_sid
typeset -g __oncall_lost=0 __oncall_fd= __oncall_reader= __oncall_seq=0 __oncall_t0= __oncall_c0= __oncall_cmd= __oncall_r=

__oncall_esc() {
  local v=$1
  if [[ $v == *[\\$'\t\n\r\e\a']* ]]; then
    v=${v//\\/\\\\} v=${v//$'\t'/\\t} v=${v//$'\n'/\\n}
    v=${v//$'\r'/\\r} v=${v//$'\e'/\\e} v=${v//$'\a'/\\a}
  fi
  __oncall_r=$v
}

__oncall_send() {
  if [[ $__oncall_mode == osc ]]; then
    print -rn -- $'\e]6973;'"$__oncall_nonce;$1"$'\a'
  elif ! syswrite -o $__oncall_fd -- "$1"$'\n' 2>/dev/null; then
    # A full pipe (the recorder behind, or stopped): this record is lost, said
    # once; the prompt is never held up.
    (( __oncall_lost++ )) || print -ru2 -- "oncall: a command was not recorded (the recorder is behind); oncall capture on starts it again."
  fi
}

__oncall_activate() {
  local on=$__oncall_dir/$__oncall_sid.on line
  [[ -f $on && -p $__oncall_dir/$__oncall_sid.fifo ]] || return 1
  IFS= read -r line <$on || return 1
  __oncall_reader=${line%%$'\t'*}
  sysopen -rw -o nonblock,cloexec -u __oncall_fd $__oncall_dir/$__oncall_sid.fifo 2>/dev/null || { __oncall_fd=; return 1 }
  export ONCALL_INCIDENT=${line#*$'\t'}
}

__oncall_deactivate() {
  [[ -n $__oncall_fd ]] && exec {__oncall_fd}>&-
  __oncall_fd= __oncall_reader=
  unset ONCALL_INCIDENT
}

# Capture on, and its recorder still there?
__oncall_live() {
  [[ $__oncall_mode == osc ]] && return 0
  [[ -n $__oncall_fd ]] || return 1
  if [[ ! -f $__oncall_dir/$__oncall_sid.on ]] || ! kill -0 $__oncall_reader 2>/dev/null; then
    __oncall_deactivate
    return 1
  fi
}

__oncall_preexec() {
  __oncall_t0=$EPOCHREALTIME __oncall_c0=$PWD __oncall_cmd=$1
  [[ $__oncall_mode == osc ]] && print -rn -- $'\e]133;C\a'
  # The start, while it runs: only for a line that is recorded.
  if [[ -n $1 && $1 != [[:space:]]* ]] && __oncall_live; then
    local cmd cwd
    __oncall_esc "$1"; cmd=$__oncall_r
    __oncall_esc "$PWD"; cwd=$__oncall_r
    __oncall_send "oncall1	S	zsh	$__oncall_sid	$((__oncall_seq + 1))	$__oncall_t0					b	$cwd	$cmd"
  fi
}

__oncall_precmd() {
  # One statement: the next command would reset $pipestatus.
  local s=$? t1=$EPOCHREALTIME ps="${pipestatus[*]}"
  local t0=$__oncall_t0 line=$__oncall_cmd c0=$__oncall_c0
  __oncall_t0= __oncall_cmd= __oncall_c0=
  if [[ $__oncall_mode == fifo && -z $__oncall_fd ]]; then
    # Off: one stat. (The command that turned capture on is not recorded.)
    [[ -f $__oncall_dir/$__oncall_sid.on ]] && __oncall_activate
    t0=
  fi
  if [[ -n $t0 ]]; then
    if [[ -n $line && $line != [[:space:]]* ]] && __oncall_live; then
      local cmd cwd
      __oncall_esc "$line"; cmd=$__oncall_r
      __oncall_esc "$c0"; cwd=$__oncall_r
      __oncall_send "oncall1	F	zsh	$__oncall_sid	$((++__oncall_seq))	$t0	$t1	$s	$ps		b	$cwd	$cmd"
    elif [[ $__oncall_mode == osc ]]; then
      __oncall_send "oncall1	X	zsh	$__oncall_sid"
    fi
  fi
  [[ $__oncall_mode == osc ]] && print -rn -- $'\e]133;D;'$s$'\a'
  return $s
}

typeset -ga precmd_functions preexec_functions
precmd_functions=(__oncall_precmd ${precmd_functions:#__oncall_precmd})
(( ${preexec_functions[(I)__oncall_preexec]} )) || preexec_functions+=(__oncall_preexec)

if [[ $__oncall_mode == osc && ${ONCALL_SHELL_PROMPT-1} != 0 && -n ${ONCALL_INCIDENT-} ]]; then
  typeset -g __oncall_tag="[${ONCALL_INCIDENT//\%/%%}${ONCALL_SEVERITY:+ ${ONCALL_SEVERITY//\%/%%}}] "
  __oncall_prompt() { [[ $PROMPT == "$__oncall_tag"* ]] || PROMPT=$__oncall_tag$PROMPT }
  # Last, after a prompt theme's own precmd has set PROMPT.
  precmd_functions+=(__oncall_prompt)
fi
fi
