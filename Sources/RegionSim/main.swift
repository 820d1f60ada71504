import RegionModel

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

var standardInput = FileDescriptorSource(descriptor: 0)
var standardOutput = FileDescriptorSink(descriptor: 1)
var standardError = FileDescriptorSink(descriptor: 2)
exit(
  RegionSimCommand.run(
    arguments: Array(CommandLine.arguments.dropFirst()),
    standardInput: &standardInput,
    standardOutput: &standardOutput,
    standardError: &standardError))
