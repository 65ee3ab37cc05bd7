package parser

// state is a state of the Williams machine.
type state uint8

const (
	stateGround state = iota
	stateEscape
	stateEscapeIntermediate
	stateCSIEntry
	stateCSIParam
	stateCSIIntermediate
	stateCSIIgnore
	stateDCSEntry
	stateDCSParam
	stateDCSIntermediate
	stateDCSPassthrough
	stateDCSIgnore
	stateOSCString
	stateSOSPMAPCString
	numStates
)

// action is what the parser does on a transition, before entering the
// next state.
type action uint8

const (
	actionNone action = iota // ignore the input
	actionPrint
	actionExecute
	actionCollect     // keep an intermediate or private-marker byte
	actionParam       // a digit, ';' or ':' of the CSI parameters
	actionESCDispatch // the final byte of an escape sequence
	actionCSIDispatch // the final byte of a control sequence
	actionOSCPut
	actionOSCEnd // the OSC string ended: dispatch it
)

// classHigh is the input class of every code point from U+00A0 up; the
// classes below it are the code points themselves.
const classHigh = 0xa0

// transition packs an action (high nibble) and the next state (low nibble).
type transition uint8

func (t transition) action() action { return action(t >> 4) }
func (t transition) next() state    { return state(t & 0x0f) }

// table is the transition table: table[state][class].
var table [numStates][classHigh + 1]transition

// rule sets the transition for the classes lo..hi of the given states.
func rule(states []state, lo, hi int, a action, next state) {
	for _, s := range states {
		for c := lo; c <= hi; c++ {
			table[s][c] = transition(a)<<4 | transition(next)
		}
	}
}

// c0 marks the C0 controls that a state executes or ignores: everything
// below 0x20 except CAN, SUB and ESC, which every state handles alike.
func c0(states []state, a action) {
	for _, s := range states {
		rule([]state{s}, 0x00, 0x17, a, s)
		rule([]state{s}, 0x19, 0x19, a, s)
		rule([]state{s}, 0x1c, 0x1f, a, s)
	}
}

func init() {
	all := make([]state, numStates)
	for i := range all {
		all[i] = state(i)
	}
	// Every state starts out ignoring everything and staying put.
	for _, s := range all {
		rule([]state{s}, 0x00, classHigh, actionNone, s)
	}
	g := stateGround

	// Ground: print graphic characters, execute controls.
	c0([]state{g}, actionExecute)
	rule([]state{g}, 0x20, 0x7e, actionPrint, g)
	rule([]state{g}, classHigh, classHigh, actionPrint, g)

	// Escape sequences.
	esc, escI := stateEscape, stateEscapeIntermediate
	c0([]state{esc, escI}, actionExecute)
	rule([]state{esc}, 0x20, 0x2f, actionCollect, escI)
	rule([]state{esc}, 0x30, 0x7e, actionESCDispatch, g)
	rule([]state{esc}, 'P', 'P', actionNone, stateDCSEntry)
	rule([]state{esc}, 'X', 'X', actionNone, stateSOSPMAPCString)
	rule([]state{esc}, '[', '[', actionNone, stateCSIEntry)
	rule([]state{esc}, ']', ']', actionNone, stateOSCString)
	rule([]state{esc}, '^', '_', actionNone, stateSOSPMAPCString)
	rule([]state{escI}, 0x20, 0x2f, actionCollect, escI)
	rule([]state{escI}, 0x30, 0x7e, actionESCDispatch, g)
	rule([]state{esc, escI}, classHigh, classHigh, actionNone, g)

	// Control sequences.
	ce, cp, ci, cx := stateCSIEntry, stateCSIParam, stateCSIIntermediate, stateCSIIgnore
	c0([]state{ce, cp, ci, cx}, actionExecute)
	rule([]state{ce}, 0x20, 0x2f, actionCollect, ci)
	rule([]state{ce}, 0x30, 0x3b, actionParam, cp)
	rule([]state{ce}, 0x3c, 0x3f, actionCollect, cp)
	rule([]state{ce, cp, ci}, 0x40, 0x7e, actionCSIDispatch, g)
	rule([]state{cp}, 0x30, 0x3b, actionParam, cp)
	rule([]state{cp}, 0x3c, 0x3f, actionNone, cx)
	rule([]state{cp, ci}, 0x20, 0x2f, actionCollect, ci)
	rule([]state{ci}, 0x30, 0x3f, actionNone, cx)
	rule([]state{cx}, 0x40, 0x7e, actionNone, g)
	rule([]state{ce, cp, ci, cx}, classHigh, classHigh, actionNone, g)

	// Device control strings: recognised, then discarded.
	de, dp, di, dt, dx := stateDCSEntry, stateDCSParam, stateDCSIntermediate, stateDCSPassthrough, stateDCSIgnore
	rule([]state{de}, 0x20, 0x2f, actionNone, di)
	rule([]state{de}, 0x30, 0x3b, actionNone, dp)
	rule([]state{de}, 0x3c, 0x3f, actionNone, dp)
	rule([]state{de, dp, di}, 0x40, 0x7e, actionNone, dt)
	rule([]state{dp}, 0x3c, 0x3f, actionNone, dx)
	rule([]state{dp, di}, 0x20, 0x2f, actionNone, di)
	rule([]state{di}, 0x30, 0x3f, actionNone, dx)
	rule([]state{de, dp, di}, classHigh, classHigh, actionNone, g)

	// Operating system commands: collect up to the terminator.
	osc := stateOSCString
	rule([]state{osc}, 0x20, 0x7f, actionOSCPut, osc)
	rule([]state{osc}, classHigh, classHigh, actionOSCPut, osc)
	rule([]state{osc}, 0x07, 0x07, actionOSCEnd, g)

	// Anywhere: CAN and SUB cancel, ESC starts over, C1 controls act
	// whatever the state.
	rule(all, 0x18, 0x18, actionExecute, g)
	rule(all, 0x1a, 0x1a, actionExecute, g)
	rule(all, 0x1b, 0x1b, actionNone, esc)
	rule(all, 0x80, 0x8f, actionExecute, g)
	rule(all, 0x90, 0x90, actionNone, de)
	rule(all, 0x91, 0x97, actionExecute, g)
	rule(all, 0x98, 0x98, actionNone, stateSOSPMAPCString)
	rule(all, 0x99, 0x9a, actionExecute, g)
	rule(all, 0x9b, 0x9b, actionNone, ce)
	rule(all, 0x9c, 0x9c, actionNone, g)
	rule(all, 0x9d, 0x9d, actionNone, osc)
	rule(all, 0x9e, 0x9f, actionNone, stateSOSPMAPCString)
	// ...except that ST and ESC end an OSC string by dispatching it.
	rule([]state{osc}, 0x1b, 0x1b, actionOSCEnd, esc)
	rule([]state{osc}, 0x9c, 0x9c, actionOSCEnd, g)
}
