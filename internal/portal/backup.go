package portal

import (
	"strconv"
	"strings"
	"time"
)

// BackupSetting is the settings key under which the last backup that
// succeeded is recorded, as "time|size|file".
const BackupSetting = "backup.last"

// Backup is a backup that was taken: when, how large, in which file.
type Backup struct {
	At   time.Time
	Size int64 // bytes
	File string
}

// String is how a backup is recorded in the settings.
func (b Backup) String() string {
	return b.At.UTC().Format(time.RFC3339) + "|" + strconv.FormatInt(b.Size, 10) + "|" + b.File
}

// LastBackup reads the last backup recorded in the settings; ok is false
// when none was.
func LastBackup(settings map[string]string) (b Backup, ok bool) {
	at, rest, _ := strings.Cut(settings[BackupSetting], "|")
	size, file, _ := strings.Cut(rest, "|")
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return Backup{}, false
	}
	n, _ := strconv.ParseInt(size, 10, 64)
	return Backup{At: t, Size: n, File: file}, true
}
