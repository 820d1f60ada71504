import RegionModel
import Testing

/// The capture format (Docs/Capture.md): what each record line holds, and
/// the errors a garbled line gets.
@Suite struct CaptureFormatTests {
  static func parse(_ line: String) throws(TraceSyntaxError) -> CaptureLine {
    var bytes = Array(line.utf8)
    return try bytes.withUnsafeMutableBufferPointer { buffer throws(TraceSyntaxError) in
      try CaptureLineParser.parse(UnsafeBufferPointer(buffer))
    }
  }

  static func message(_ line: String) -> String? {
    do {
      _ = try parse(line)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func headerBlankAndComments() throws {
    #expect(try Self.parse("regionsim-capture 1 pid=4242") == .header(pid: 4242))
    #expect(try Self.parse("   ") == .nothing)
    #expect(try Self.parse("# a note") == .nothing)
    #expect(
      Self.message("regionsim-capture 2 pid=1")
        == "regionsim-capture: this regionsim reads capture format 1; the file says '2'")
  }

  @Test func aMapRecordHoldsEveryFieldOfTheRegion() throws {
    let line =
      "map handle=0x55d0c0 addr=0x7f4000000000 len=0x80000000 iova=0x0 "
      + "fd-offset=0xffffffffffffffff fd=21 flags=0x0 ret=-22 fd-path=/dev/shm/a%20b "
      + "msg=addr%200x1%20violates tid=77"
    let expected = CaptureRecord(
      call: .map(
        handle: 0x55d0c0,
        region: CaptureRegion(
          addr: 0x7f40_0000_0000, len: 0x8000_0000, iova: 0, fdOffset: UInt64.max, fd: 21,
          flags: 0),
        ret: -22),
      message: "addr 0x1 violates", fdPath: "/dev/shm/a b", thread: 77)
    #expect(try Self.parse(line) == .record(expected))
  }

  @Test func propertyRecords() throws {
    #expect(
      try Self.parse("get-bool handle=0x1 name=needs-mem-regions ret=0 value=true tid=1")
        == .record(
          CaptureRecord(
            call: .get(
              handle: 1, type: .bool, name: "needs-mem-regions", ret: 0, value: .bool(true)),
            thread: 1)))
    #expect(
      try Self.parse("get-uint64 handle=0x1 name=mem-region-alignment ret=0 value=4096 tid=1")
        == .record(
          CaptureRecord(
            call: .get(
              handle: 1, type: .uint64, name: "mem-region-alignment", ret: 0, value: .uint64(4096)),
            thread: 1)))
    #expect(
      try Self.parse("get-bool handle=0x1 name=may-pin-mem-regions ret=-2 msg=x tid=1")
        == .record(
          CaptureRecord(
            call: .get(handle: 1, type: .bool, name: "may-pin-mem-regions", ret: -2, value: nil),
            message: "x", thread: 1)))
    #expect(
      try Self.parse("get-int handle=0x1 name=max-segments ret=0 value=(null) tid=1")
        == .record(
          CaptureRecord(
            call: .get(handle: 1, type: .int, name: "max-segments", ret: 0, value: nil),
            thread: 1)))
    #expect(
      try Self.parse("set-str handle=0x1 name=path value= ret=0 tid=1")
        == .record(
          CaptureRecord(
            call: .set(handle: 1, type: .str, name: "path", value: .str(""), ret: 0), thread: 1)))
    #expect(
      try Self.parse("set-int handle=0x1 name=fd value=-1 ret=-2 tid=1")
        == .record(
          CaptureRecord(
            call: .set(handle: 1, type: .int, name: "fd", value: .int(-1), ret: -2), thread: 1)))
  }

  @Test func lifeRecords() throws {
    #expect(
      try Self.parse("create driver=virtio-blk-vhost-user ret=0 handle=0xabc tid=9")
        == .record(
          CaptureRecord(
            call: .create(driver: "virtio-blk-vhost-user", ret: 0, handle: 0xabc), thread: 9)))
    #expect(
      try Self.parse("destroy handle=0xabc tid=9")
        == .record(CaptureRecord(call: .destroy(handle: 0xabc), thread: 9)))
    #expect(
      try Self.parse("unmap handle=0x1 region=(null) tid=2")
        == .record(CaptureRecord(call: .unmap(handle: 1, region: nil), thread: 2)))
    #expect(try Self.parse("event ramblock remove dimm0") == .event("ramblock remove dimm0"))
  }

  @Test(arguments: [
    ("map handle=0x1 addr=0x7f tid=1", "map: missing len="),
    (
      "map handle=0x1 addr=0x7g len=0x1 iova=0x0 fd-offset=0x0 fd=1 flags=0x0 ret=0 tid=1",
      "map: addr=0x7g is not a 0x hex number of at most 64 bits"
    ),
    (
      "map handle=0x1 addr=0x10000000000000000 len=0x1 iova=0x0 fd-offset=0x0 fd=1 flags=0x0 "
        + "ret=0 tid=1",
      "map: addr=0x10000000000000000 is not a 0x hex number of at most 64 bits"
    ),
    (
      "map handle=0x1 addr=0x1 len=0x1 iova=0x0 fd-offset=0x0 fd=99999999999 flags=0x0 ret=0 "
        + "tid=1",
      "map: fd=99999999999 is not a decimal number from -2147483648 to 2147483647"
    ),
    ("mapp handle=0x1 tid=1", "unknown record 'mapp' (did you mean 'map'?)"),
    ("connect handle=0x1 ret=0 tid=1 colour=red", "connect: unknown field colour="),
    ("connect handle=0x1 handle=0x2 ret=0 tid=1", "connect: handle= given twice"),
    ("connect handle=0x1 ret=5 tid=1", "connect: ret=5 is not a decimal number from -4095 to 0"),
    (
      "get-bool handle=0x1 name=x ret=-2 value=true tid=1",
      "get-bool: a value= after a failed read (ret=-2)"
    ),
    ("get-bool handle=0x1 name=x ret=0 tid=1", "get-bool: missing value="),
    (
      "set-str handle=0x1 name=p%2 value=a ret=0 tid=1",
      "set-str: name=p%2 is not a string with each % followed by two hex digits"
    ),
    ("start handle=0x1 ret=0", "start: missing tid="),
    ("event", "event: no input after 'event' (for example 'event ramblock remove dimm0')"),
  ])
  func garbledLinesAreNamed(line: String, message: String) {
    #expect(Self.message(line) == message)
  }
}
