import Testing

@testable import RegionModel

/// The byte writers of the hot paths against the string forms they
/// replace: the same bytes for any input.
@Suite struct ByteFormattingTests {
  static let seeds: [UInt64] = Array(0..<20)

  /// A number with a random bit length, so that every digit count occurs.
  static func number(_ random: inout SplitMix64) -> UInt64 {
    let bits = random.bounded(65)
    return bits == 0 ? 0 : random.next() >> (64 - bits)
  }

  @Test(arguments: seeds) func cursorNumbersMatchStringFormatting(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    for _ in 0..<500 {
      let value = Self.number(&random)
      let signed = Int64(bitPattern: random.next()) >> random.bounded(64)
      var bytes: [UInt8] = []
      bytes.appendBytes(atMost: 80) { cursor in
        cursor.writeHex(value)
        cursor.write(UInt8(ascii: " "))
        cursor.writeDecimal(value)
        cursor.write(UInt8(ascii: " "))
        cursor.writeDecimal(signed)
      }
      #expect(
        String(decoding: bytes, as: UTF8.self)
          == "\(CFormat.hex(value)) \(value) \(signed)")
    }
    for value in [0, 9, 10, UInt64.max, UInt64.max / 10, 10_000_000_000_000_000_000] as [UInt64] {
      var bytes: [UInt8] = []
      bytes.appendBytes(atMost: 20) { $0.writeDecimal(value) }
      #expect(String(decoding: bytes, as: UTF8.self) == String(value))
    }
  }

  /// Every line HotCallLine writes (map, unmap, submit, wait, done and the
  /// results) is the line CanonicalForm writes and a line feed, whatever
  /// the names, numbers, errno values and messages.
  @Test(arguments: seeds) func hotCallLinesMatchTheCanonicalForm(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var names = Names()
    let alphabet = Array("abcxyzAZ09_.-".utf8)
    func name() -> String {
      let length = 1 + Int(random.bounded(12))
      return String(
        decoding: (0..<length).map { _ in random.pick(alphabet) ?? 0x61 }, as: UTF8.self)
    }
    for _ in 0..<300 {
      let request = names.requests.intern(name())
      let node = names.nodes.intern(name())
      let buffer = IOBuffer(
        addr: Self.number(&random), len: Self.number(&random), bounce: random.chance(1, in: 2))
      let ret: ReturnValue =
        random.chance(1, in: 4) ? .failure(random.pick(Errno.allCases) ?? .EIO) : .success
      let fd: Int32 =
        random.chance(1, in: 3)
        ? Int32(truncatingIfNeeded: Self.number(&random)) : Int32(random.bounded(64)) - 1
      let region = MemRegion(
        addr: Self.number(&random), len: Self.number(&random), fd: fd,
        fdOffset: Self.number(&random))
      let calls: [CallRecord] = [
        .map(region, ret),
        .unmap(region),
        .submit(request: request, node: node, buffer: buffer),
        .wait(request: request, node: node),
        .done(request: request, ret: ret),
        .discardRange(addr: region.addr, len: region.len),
      ]
      // One buffer for every line, as OutputLines reuses it: each line is
      // what was there before and the canonical line.
      var fast = ByteBuffer()
      var expected = ""
      for call in calls {
        var canonical: [UInt8] = []
        CanonicalForm.append(call, names: names, to: &canonical)
        let before = fast.count
        if HotCallLine.append(call, names: names, to: &fast) {
          expected += String(decoding: canonical, as: UTF8.self) + "\n"
        } else {
          #expect(fast.count == before)
        }
        #expect(String(decoding: fast.bytes, as: UTF8.self) == expected)
      }
      for outcome in [Outcome.ok, .error(name() + " é: " + name())] {
        var canonical: [UInt8] = []
        CanonicalForm.append(outcome, to: &canonical)
        HotCallLine.append(outcome, to: &fast)
        expected += String(decoding: canonical, as: UTF8.self) + "\n"
        #expect(String(decoding: fast.bytes, as: UTF8.self) == expected)
      }
    }
  }

  /// JSONBytes quotes any valid UTF-8 as JSONText does, control
  /// characters, quotes, backslashes and multi-byte scalars included.
  @Test(arguments: seeds) func jsonBytesQuoteAsJSONText(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let pieces: [String] = [
      "a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1f}", "\u{7f}",
      "é", "€", "😀", "'", "/", "{", "}",
    ]
    for _ in 0..<300 {
      let length = Int(random.bounded(16))
      let text = (0..<length).map { _ in random.pick(pieces) ?? "a" }.joined()
      var json = JSONBytes()
      json.string(text)
      #expect(String(decoding: json.bytes, as: UTF8.self) == JSONText.quoted(text))
    }
  }

  /// The driver's messages, written through a cursor into a fixed room,
  /// are the printf forms for every host and size, the widest included
  /// (a room one byte short traps, which explore once hit).
  @Test(arguments: seeds) func driverMessagesMatchTheirPrintfForms(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let extremes: [UInt64] = [0, 1, UInt64.max, UInt64.max - 1, 1 << 63]
    for round in 0..<300 {
      let host = round < 25 ? extremes[round % 5] : Self.number(&random)
      let size = round < 25 ? extremes[round / 5] : Self.number(&random)
      let detail = ["memory region already mapped", "", "é ✓"][round % 3]
      #expect(
        DriverMessages.failedToAdd(host: host, size: size, detail: detail)
          == "Failed to add blkio mem region \(CFormat.pointer(host)) with size "
          + "\(CFormat.size(size)): \(detail)")
      #expect(
        DriverMessages.cannotMap(host: host, size: size, reason: detail)
          == "cannot map buffer \(CFormat.pointer(host)) with size \(CFormat.size(size)): "
          + detail)
      #expect(
        DriverMessages.unalignedBuffer(host: host, size: size)
          == "unaligned buf \(CFormat.pointer(host)) with size \(CFormat.size(size))")
      #expect(
        DriverMessages.beyondRAMBlock(host: host, size: size)
          == "registered buffer at \(CFormat.pointer(host)) with size \(CFormat.size(size)) "
          + "extends beyond RAMBlock")
    }
  }
}
