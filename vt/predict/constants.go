package predict

import "time"

// Timing thresholds of mosh's PredictionEngine (terminaloverlay.h). The
// send interval is the transport's ≈ SRTT/2, clamped to 20–250 ms.
const (
	// srttTriggerHigh: a send interval above it turns predictions on in
	// Adaptive mode (SRTT ≳ 60 ms).
	srttTriggerHigh = 30 * time.Millisecond
	// srttTriggerLow: at or below it predictions turn off again, but
	// only while none is active.
	srttTriggerLow = 20 * time.Millisecond
	// flagTriggerHigh: above it predictions are underlined.
	flagTriggerHigh = 80 * time.Millisecond
	// flagTriggerLow: at or below it underlining stops.
	flagTriggerLow = 50 * time.Millisecond
	// glitchThreshold: a prediction pending this long turns display on
	// even on a fast link (glitchTrigger = glitchRepairCount).
	glitchThreshold = 250 * time.Millisecond
	// glitchFlagThreshold: a prediction pending this long also turns
	// underlining on (glitchTrigger = 2 × glitchRepairCount).
	glitchFlagThreshold = 5 * time.Second
	// glitchRepairCount is the glitch level of "show"; above it
	// predictions are also underlined.
	glitchRepairCount = 10
	// glitchRepairMinInterval: a quick confirmation (within
	// glitchThreshold of the prediction) lowers the glitch level by one,
	// at most once per this interval.
	glitchRepairMinInterval = 150 * time.Millisecond
	// reevaluateInterval is how often the client re-runs Cull while
	// predictions are active and a timing trigger has not fired.
	reevaluateInterval = 50 * time.Millisecond
	// pasteThreshold: one read of more bytes than this is a paste and
	// is not predicted (mosh stmclient.cc).
	pasteThreshold = 100
	// maxOriginals bounds the earlier contents remembered per cell; a
	// cell predicted more often than this between confirmations earns no
	// credit, which is the safe side.
	maxOriginals = 32
)
