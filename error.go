package strikegraph

import (
	"errors"
	"fmt"
)

// Error codes, returned to GraphQL clients as extensions.code. They are part of
// the API: clients branch on them, so they never change.
const (
	ECodeInvalid     = "BAD_USER_INPUT"
	ECodeNotFound    = "NOT_FOUND"
	ECodeConflict    = "CONFLICT"
	ECodeDuplicate   = "DUPLICATE" // the entry may be one the graph holds; Error.Candidates names them
	ECodeUnavailable = "DATABASE_UNAVAILABLE"
	ECodeOverloaded  = "OVERLOADED" // retryable: heavy reads, connections to Neo4j or its transaction memory are all taken
	ECodeInternal    = "INTERNAL"
	ECodeBadRequest  = "BAD_REQUEST" // the body is not a GraphQL request at all

	// Limits on one request: each rejects it before any Cypher runs, except
	// ECodeTimeout, which Neo4j reports when a transaction runs too long.
	ECodeTooDeep           = "QUERY_TOO_DEEP"
	ECodeTooComplex        = "COMPLEXITY_LIMIT_EXCEEDED" // gqlgen's own code, kept
	ECodeTooManyTokens     = "TOO_MANY_TOKENS"
	ECodeTooManyFields     = "TOO_MANY_FIELDS"
	ECodeTooManyDirectives = "TOO_MANY_DIRECTIVES"
	ECodeTooManyAliases    = "TOO_MANY_ALIASES"
	ECodeTooManyStatements = "TOO_MANY_STATEMENTS"
	ECodeTooLarge          = "REQUEST_TOO_LARGE"
	ECodeBatchTooLarge     = "BATCH_TOO_LARGE" // a JSON array of more requests than a batch may hold
	ECodeRateLimited       = "RATE_LIMITED"    // HTTP 429, with Retry-After
	ECodeTimeout           = "TIMEOUT"
	ECodeTooMuchMemory     = "MEMORY_LIMIT" // Neo4j stopped a transaction at its own memory limit

	// Who may write (package auth): no valid credentials, or a role too low.
	ECodeUnauthenticated = "UNAUTHENTICATED"
	ECodeForbidden       = "FORBIDDEN"
)

// Error is an error a client can act on. Field names the offending input, when
// there is one.
type Error struct {
	Code       string
	Field      string
	Message    string
	Candidates []string // DUPLICATE: the ids of what the input may duplicate
	Claims     []string // QUOTE_BROKEN: the claims whose quote would no longer stand
	Relations  []string // QUOTE_BROKEN: the relations (from|TYPE|to) likewise
	Err        error    // the cause, never shown to clients
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Invalidf reports bad input in field.
func Invalidf(field, format string, args ...any) *Error {
	return &Error{Code: ECodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFoundf reports a missing entity.
func NotFoundf(format string, args ...any) *Error {
	return &Error{Code: ECodeNotFound, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, or ECodeInternal for errors we did not make.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ECodeInternal
}

// ECodeQuoteBroken: an article edit would leave claims or relations whose
// quote no longer stands verbatim in its text; Error.Claims and
// Error.Relations name them.
const ECodeQuoteBroken = "QUOTE_BROKEN"

// QuoteBroken refuses an article text that would break the quotes of claims
// or relations (named from|TYPE|to). A claim can be corrected; a relation
// only retracted and stated again.
func QuoteBroken(field string, claims, relations []string) *Error {
	e := &Error{Code: ECodeQuoteBroken, Field: field, Claims: claims, Relations: relations}
	switch {
	case len(relations) == 0:
		e.Message = fmt.Sprintf("the new text breaks the quote of %d claim(s): correct or retract them first (extensions.claims)", len(claims))
	case len(claims) == 0:
		e.Message = fmt.Sprintf("the new text breaks the quote of %d relation(s): retract them first (extensions.relations)", len(relations))
	default:
		e.Message = fmt.Sprintf("the new text breaks the quote of %d claim(s) and %d relation(s): correct or retract them first (extensions.claims, extensions.relations)",
			len(claims), len(relations))
	}
	return e
}
