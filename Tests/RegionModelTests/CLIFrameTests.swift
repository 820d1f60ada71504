import Foundation
import Testing

@testable import RegionModel

/// The command frame: one table of commands, the file resolver, the
/// messages for slips, write errors and hostile bytes.
@Suite struct CLIFrameTests {
  typealias C = CLITests

  /// A sink whose every write fails with `code`, as a full disk does.
  struct FailingSink: TextSink {
    var code: Int32
    var failure: ReadError? { ReadError(code: code) }
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {}
    mutating func flush() {}
  }

  @Test func everyCommandOfTheTableHasHelpAndRuns() {
    for command in CommandName.allCases {
      #expect(HelpText.of(command.rawValue) == command.helpText)
      let help = C.run([command.rawValue, "--help"])
      #expect(help.status == 0 && help.out.hasPrefix("Usage: regionsim \(command.rawValue)"))
      // Every flag and option the table names is accepted by the parser.
      for name in command.flags.union(command.options) {
        let parsed = try? ParsedArguments(
          [name] + (command.options.contains(name) ? ["v"] : []),
          command: command)
        #expect(parsed != nil, "\(command.rawValue) \(name)")
      }
    }
  }

  @Test func versionNamesTheTraceFormatAndTheVariants() {
    let run = C.run(["--version"])
    #expect(run.status == 0)
    #expect(run.out.hasPrefix("regionsim \(Version.number) (trace format 1; variants seed,"))
  }

  @Test func aFailedWriteOfStandardOutputExits73WithAMessage() throws {
    let folder = try C.folder(["good.trace": C.good])
    var input = MemorySource("")
    var out = FailingSink(code: ENOSPC)
    var err = MemorySink()
    let status = RegionSimCommand.run(
      arguments: ["record", folder.appendingPathComponent("good.trace").path],
      standardInput: &input, standardOutput: &out, standardError: &err)
    #expect(status == 73)
    #expect(err.text == "regionsim: cannot write standard output: No space left on device\n")
    // A reader that went away asked for no more: no message, no new status.
    var closed = FailingSink(code: EPIPE)
    err = MemorySink()
    let quiet = RegionSimCommand.run(
      arguments: ["record", folder.appendingPathComponent("good.trace").path],
      standardInput: &input, standardOutput: &closed, standardError: &err)
    #expect(quiet == 0 && err.text.isEmpty)
  }

  @Test func anEmptyOptionValueIsRefusedNotTakenFromTheNextArgument() {
    let run = C.run(["check", "--variant=", "seed", "-"], stdin: C.good)
    #expect(run.status == 64)
    #expect(run.err == "regionsim check: --variant= needs a value after '='\n")
  }

  @Test func slipsGetTheNearestName() {
    #expect(C.run(["chek"]).err.contains("unknown command 'chek' (did you mean 'check'?)"))
    #expect(C.run(["check", "--hazrds", "-"]).err.contains("(did you mean '--hazards'?)"))
    #expect(
      C.run(["check", "--variant", "mergd", "-"]).err.contains("(did you mean 'merged'?)"))
    #expect(C.run(["help", "shrnk"]).err.contains("(did you mean 'shrink'?)"))
    #expect(
      C.run(["shrink", "--hazard", "io-unmaped", "-"]).err.contains(
        "(did you mean 'io-unmapped'?)"))
    let key = C.run(["check", "-"], stdin: "blkio-trace 1\nregister d hots=0x1000 size=4K\n")
    #expect(key.err.contains("unknown key 'hots' for 'register' (did you mean 'host'?)"))
    let driver = C.run(["check", "-"], stdin: "blkio-trace 1\nopen d driver=io-uring\n")
    #expect(driver.err.contains("unknown driver 'io-uring' (did you mean 'io_uring'?)"))
    let record = C.run(["check", "-"], stdin: "blkio-trace 1\nregistr d host=0 size=0\n")
    #expect(record.err.contains("unknown record 'registr' (did you mean 'register'?)"))
    // Far from every name: no guess.
    #expect(!C.run(["zzzzzz"]).err.contains("did you mean"))
    #expect(ClosestName.to("ab", among: ["abc", "xyz"]) == "abc")
    #expect(ClosestName.to("hsot", among: ["host", "size"]) == "host")
    #expect(ClosestName.to("qwerty", among: ["host", "size"]) == nil)
  }

  @Test func aMissingFileOrAFolderCannotBeOpenedByEveryCommand() throws {
    let folder = try C.folder([:])
    let missing = folder.appendingPathComponent("missing.trace").path
    for arguments in [
      ["check"], ["record"], ["hazards"], ["show"], ["shrink", "--hazard", "io-unmapped"],
    ] {
      let absent = C.run(arguments + [missing])
      #expect(absent.status == 66, "\(arguments)")
      #expect(absent.err.hasPrefix("\(missing): cannot open: No such file or directory"))
      let directory = C.run(arguments + [folder.path])
      #expect(directory.status == 66, "\(arguments)")
      #expect(directory.err.hasPrefix("\(folder.path): cannot open: Is a directory"))
    }
  }

  @Test func traceBytesInDiagnosticsHaveTheirControlCharactersEscaped() {
    let hostile = C.run(
      ["check", "-"], stdin: "blkio-trace 1\nopen d driver=io_uring\n> error \u{1b}[2Jred\n")
    #expect(hostile.status == 1)
    #expect(!hostile.out.contains("\u{1b}"))
    #expect(hostile.out.contains("> error \\x1b[2Jred"))
    let name = C.run(["check", "-"], stdin: "blkio-trace 1\nopen d\u{7}\u{9b}x driver=io_uring\n")
    #expect(name.err.contains("'d\\x07\\u{9b}x' is not a valid node name"))
    #expect(PrintableText.of("plain\ttext é") == "plain\ttext é")
  }

  @Test func aTraceWithoutInputsPassesWithAWarning() {
    let run = C.run(["check", "-"], stdin: "blkio-trace 1\n# nothing else\n")
    #expect(run.status == 0)
    #expect(run.err.contains("warning: the trace has no inputs"))
  }

  @Test func recordKeepsTheLineEndsOfACRLFTrace() {
    let run = C.run(
      ["record", "-"], stdin: "blkio-trace 1\r\nopen d driver=virtio-blk-vhost-user\r\n")
    #expect(run.status == 0)
    #expect(
      run.out
        == "blkio-trace 1\r\nopen d driver=virtio-blk-vhost-user\r\n"
        + "> discard-disable ret=0\r\n> ok\r\n")
    // And the recording checks.
    #expect(C.run(["check", "-"], stdin: run.out).status == 0)
    // A trace with plain line feeds stays as it was.
    #expect(!C.run(["record", "-"], stdin: C.good).out.contains("\r"))
  }

  @Test func exploreMakesTheFoldersOfItsOutAsMkdirDashPDoes() throws {
    let base = try C.folder([:])
    let nested = base.appendingPathComponent("a/b/c").path
    let run = C.run(["explore", "--runs", "6", "--out", nested])
    #expect(run.status == 0, "\(run.err)")
    var isFolder: ObjCBool = false
    #expect(
      FileManager.default.fileExists(atPath: nested, isDirectory: &isFolder) && isFolder.boolValue)
    // Told where it wrote only when no --out was given.
    #expect(!run.err.contains("the default folder"))
    // A file in the way is refused with exit 73.
    let file = base.appendingPathComponent("plain").path
    FileManager.default.createFile(atPath: file, contents: Data())
    let blocked = C.run(["explore", "--runs", "1", "--out", file + "/x"])
    #expect(blocked.status == 73)
    #expect(blocked.err.contains("cannot create '\(file)/x': Not a directory"))
  }

  /// `hazards` checks output lines cheaply against the model's own: a line
  /// with the model's bytes passes unparsed, any other must still parse.
  @Test func hazardsStillRefusesAMalformedOutputLine() {
    let head = "blkio-trace 1\nopen d driver=virtio-blk-vhost-user\n"
    // The model's own lines.
    #expect(C.run(["hazards", "-"], stdin: head + "> discard-disable ret=0\n> ok\n").status == 0)
    // Valid records that are not the model's: hazards does not compare.
    #expect(
      C.run(["hazards", "-"], stdin: head + ">   discard-disable   ret=-EBUSY\n> ok\n").status == 0)
    // A malformed one in the model's place, and one past the model's lines.
    let bad = C.run(["hazards", "-"], stdin: head + "> discard-disable ret=zero\n> ok\n")
    #expect(bad.status == 65 && bad.err.hasPrefix("<stdin>:3:"))
    let extra = C.run(
      ["hazards", "-"], stdin: head + "> discard-disable ret=0\n> ok\n> nonsense\n")
    #expect(extra.status == 65 && extra.err.hasPrefix("<stdin>:5:"))
  }

  /// `record` drops a trace's output lines but still refuses a malformed
  /// one, whether or not it stands where the model's line would.
  @Test func recordStillRefusesAMalformedOutputLine() {
    let head = "blkio-trace 1\nopen d driver=virtio-blk-vhost-user\n"
    let again = C.run(["record", "-"], stdin: head + "> discard-disable ret=0\n> ok\n")
    #expect(again.status == 0 && again.out == head + "> discard-disable ret=0\n> ok\n")
    let bad = C.run(["record", "-"], stdin: head + "> discard-disable ret=zero\n> ok\n")
    #expect(bad.status == 65 && bad.err.hasPrefix("<stdin>:3:"))
    let extra = C.run(["record", "-"], stdin: head + "> discard-disable ret=0\n> ok\n> what\n")
    #expect(extra.status == 65 && extra.err.hasPrefix("<stdin>:5:"))
  }
}
