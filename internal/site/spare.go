package site

import (
	"bytes"
	"errors"
	"io"
	"os"
	"sync"
)

// Why WriteDir keeps a spare: on a file system such as ext4 without a journal (this project's
// build machine), the allocator skips every inode freed in the last minute or so when it looks
// for a free one, and reads that inode's block to tell. A build that removes the previous site
// and makes ~4,800 new files and folders therefore pays for every one it just removed, for each
// one it makes: half of BenchmarkWriteSite's time went there (perf: find_inode_bit,
// recently_deleted). Writing over the previous site's files makes no new inodes at all.

// chunk is the size of the pieces holds reads a file in.
const chunk = 64 << 10

var chunks = sync.Pool{New: func() any { b := make([]byte, chunk); return &b }}

// holds reports whether file's contents are exactly data. Any error reads as false.
func holds(file string, data []byte) bool {
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	bp := chunks.Get().(*[]byte)
	defer chunks.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	// The file must end here too.
	n, err := f.Read(buf[:1])
	return n == 0 && errors.Is(err, io.EOF)
}

// rewrite writes data over file's contents, keeping the file.
func rewrite(file string, data []byte) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// sameFile reports whether the names a and b are one file (hard links to it).
func sameFile(a, b string) bool {
	ia, err := os.Lstat(a)
	if err != nil {
		return false
	}
	ib, err := os.Lstat(b)
	return err == nil && os.SameFile(ia, ib)
}
