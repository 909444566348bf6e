module github.com/scoperef/scoperef

go 1.26
