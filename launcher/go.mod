module github.com/strikegraph/strikegraph/launcher

go 1.24.0
