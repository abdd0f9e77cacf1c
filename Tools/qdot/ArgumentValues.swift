public import ArgumentParser
public import Records

// Choices the command line takes by their on-disk names, so `--source` accepts, lists and refuses
// exactly the spellings results use.

extension ResultDocument.Station.Source: ExpressibleByArgument {}
