package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/strikegraph/strikegraph/loaders"
)

// gqlgen resolves each item of a list, and each field with a resolver, on a
// goroutine of its own, so that the loaders below can gather their keys.
// Under a field whose subtree was read ahead (loaders.ReadAhead) nothing
// waits, and thousands of goroutines only cost time: there items and fields
// are resolved in line. scripts/generate points generated.go at these two.

// marshalSlice is graphql.MarshalSliceConcurrently, in line when read ahead.
func marshalSlice(ctx context.Context, length int, workerLimit int64, omitPanicHandler bool, marshal func(context.Context, int) graphql.Marshaler) graphql.Array {
	if length < 2 || !readAhead(ctx) {
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshal)
	}
	ret := make(graphql.Array, length)
	for i := range length {
		ctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshal(ctx, i)
		} else if !marshalItem(ctx, ret, i, marshal) {
			return nil
		}
	}
	return ret
}

// marshalItem marshals item i into ret, reporting a panic as an error of the
// item the way gqlgen does; it reports whether no panic happened.
func marshalItem(ctx context.Context, ret graphql.Array, i int, marshal func(context.Context, int) graphql.Marshaler) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			ok = false
		}
	}()
	ret[i] = marshal(ctx, i)
	return true
}

// concurrently is out.Concurrently, in line when read ahead.
func concurrently(ctx context.Context, out *graphql.FieldSet, i int, f func(context.Context) graphql.Marshaler) {
	if readAhead(ctx) {
		out.Values[i] = f(ctx)
		return
	}
	out.Concurrently(i, f)
}

// readAhead reports whether ctx is under a field marked read ahead.
func readAhead(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if loaders.IsReadAhead(ctx, fc) {
			return true
		}
	}
	return false
}
