"""The media test images. make_base.c writes base.jpg and alpha.png with libvips; this adds an
EXIF block to base.jpg (orientation 6: turn 90° clockwise; a GPS latitude, which published
variants must not carry) as photo-exif6.jpg, cuts it to 2 KB as truncated.jpg, and writes
huge.png, a PNG header claiming 100000 × 100000 pixels (a decompression bomb). Standard
library only: `python3 make_fixtures.py`."""
import struct
import zlib


def exif_app1():
    ifd0 = 8
    gps_ifd = ifd0 + 2 + 2 * 12 + 4
    lat_data = gps_ifd + 2 + 2 * 12 + 4
    tiff = b"II*\x00" + struct.pack("<I", ifd0)
    tiff += struct.pack("<H", 2)
    tiff += struct.pack("<HHII", 0x0112, 3, 1, 6)  # Orientation
    tiff += struct.pack("<HHII", 0x8825, 4, 1, gps_ifd)  # GPSInfo
    tiff += struct.pack("<I", 0)
    tiff += struct.pack("<H", 2)
    tiff += struct.pack("<HHI4s", 0x0001, 2, 2, b"N\x00\x00\x00")  # GPSLatitudeRef
    tiff += struct.pack("<HHII", 0x0002, 5, 3, lat_data)  # GPSLatitude
    tiff += struct.pack("<I", 0)
    tiff += struct.pack("<IIIIII", 35, 1, 39, 1, 5, 1)
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


base = open("base.jpg", "rb").read()
photo = base[:2] + exif_app1() + base[2:]
open("photo-exif6.jpg", "wb").write(photo)
open("truncated.jpg", "wb").write(photo[:2048])
ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
open("huge.png", "wb").write(
    b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b""))
