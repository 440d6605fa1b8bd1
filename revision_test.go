package strikegraph

import (
	"testing"
	"time"
)

func TestAsOfTime(t *testing.T) {
	for in, want := range map[string]string{"2024-03-05": "2024-03-06", "2024-02": "2024-03-01", "2023": "2024-01-01"} {
		if got, err := AsOfTime("asOf", in); err != nil || got.Format(time.DateOnly) != want {
			t.Errorf("%s: %v %v, want %s", in, got, err, want)
		}
	}
	if _, err := AsOfTime("asOf", "yesterday"); ErrorCode(err) != ECodeInvalid {
		t.Errorf("yesterday: %v", err)
	}
}
