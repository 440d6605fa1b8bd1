package strikegraph

import (
	"context"
	"fmt"
	"strings"
)

// DuplicateReason is why entities may be one.
type DuplicateReason string

const (
	// DuplicateSameName: places, or actors, whose names or aliases fold to
	// one key (NameKey): "Hajin" and "Hajīn".
	DuplicateSameName DuplicateReason = "SAME_NAME"
	// DuplicateSameDayAndPlace: incidents of one day (DAY precision)
	// located in or near one place: one strike under two names.
	DuplicateSameDayAndPlace DuplicateReason = "SAME_DAY_AND_PLACE"
)

// DuplicateCandidate is a set of entities that may be one, for review and
// mergeEntities.
type DuplicateCandidate struct {
	Reason DuplicateReason
	Key    string   // the key their names fold to, or the place's id and the day
	IDs    []string // in id order
}

// MaxDuplicateCandidates bounds one listing of candidates.
const MaxDuplicateCandidates = 1000

// DuplicateService finds what may have been entered twice.
type DuplicateService interface {
	// FindDuplicateCandidates lists up to first sets of likely
	// duplicates, by reason, then key.
	FindDuplicateCandidates(ctx context.Context, first int) ([]DuplicateCandidate, error)
	// FindIncidentsAt returns the ids of the incidents dated day, of DAY
	// precision, located in or near place, but except.
	FindIncidentsAt(ctx context.Context, place string, day Date, except string) ([]string, error)
}

// Duplicate refuses an entry at field that may duplicate candidates: the
// caller may say it does not (allowDuplicate), or merge them.
func Duplicate(field string, candidates []string, format string, args ...any) *Error {
	return &Error{Code: ECodeDuplicate, Field: field, Candidates: candidates,
		Message: fmt.Sprintf(format, args...) + fmt.Sprintf(" (%s); if it is another, say allowDuplicate: true; if the same, merge them (mergeEntities)",
			strings.Join(candidates, ", "))}
}
