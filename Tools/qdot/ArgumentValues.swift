public import ArgumentParser
public import Boards
public import Records

// Choices the command line takes by their on-disk names, so `--profile` and `--source` accept, list
// and refuse exactly the spellings board files and results use.

extension SimulatedTimingProfile: ExpressibleByArgument {}

extension ResultDocument.Station.Source: ExpressibleByArgument {}
