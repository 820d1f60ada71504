import Testing

@testable import RegionModel

@Suite struct CFormatTests {
  @Test func pointerIsNilForZeroAndLowercaseHexOtherwise() {
    // glibc prints a null %p as "(nil)" and others as 0x + lowercase hex.
    #expect(CFormat.pointer(0) == "(nil)")
    #expect(CFormat.pointer(1) == "0x1")
    #expect(CFormat.pointer(0x7F00_DEAD_BEEF) == "0x7f00deadbeef")
    #expect(CFormat.pointer(UInt64.max) == "0xffffffffffffffff")
  }

  @Test func sizeIsDecimal() {
    #expect(CFormat.size(0) == "0")
    #expect(CFormat.size(1 << 30) == "1073741824")
    #expect(CFormat.size(UInt64.max) == "18446744073709551615")
  }

  @Test func errnoTextsAreGlibcs() {
    #expect(Errno.EBUSY.strerror == "Device or resource busy")
    #expect(Errno.EIO.strerror == "Input/output error")
    #expect(Errno(name: "ENOSPC") == .ENOSPC)
    #expect(Errno(name: "ENOTSUP") == nil)
    #expect(Errno.EFAULT.strerror == "Bad address")
    #expect(Errno.ENOMEM.strerror == "Cannot allocate memory")
    // Rust's io::Error text, which libblkio passes on for kernel errors.
    #expect(Errno.EFAULT.rustText == "Bad address (os error 14)")
    #expect(ReturnValue.failure(.EINVAL).description == "-EINVAL")
    #expect(ReturnValue.failure(.EINVAL).cValue == -22)
  }

  @Test func canonicalHexHasNoLeadingZeros() {
    var bytes: [UInt8] = []
    for value: UInt64 in [0, 0xF, 0x10, 0x1000, .max] {
      bytes.removeAll()
      CanonicalForm.appendHex(value, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == CFormat.hex(value))
    }
  }
}
