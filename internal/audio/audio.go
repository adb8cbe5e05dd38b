// Package audio reads articles aloud ("Nghe đọc bài"): the text of an
// article (Script) spoken by espeak-ng's Vietnamese voice and encoded as a
// small MP3 by lame, both Debian programs run on the server, and the Worker
// that makes the audio of the articles the store queues, a few at a time.
package audio

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Generator speaks a text and encodes it. Its programs are found when it is
// made; without either, Available says why and nothing is generated.
type Generator struct {
	espeak, lame string
	missing      error
	// Voice is espeak-ng's voice; "vi" unless set.
	Voice string
	// Kbps is the MP3's constant bit rate; 24 unless set. Constant, so
	// players know the length from the file's size: lame writing to a
	// pipe cannot go back to write a variable rate's header.
	Kbps int
	// Timeout bounds one Generate; 2 minutes unless set. Both programs are
	// killed when it passes.
	Timeout time.Duration
}

// New finds espeak-ng and lame, each a name looked up in PATH or a path.
func New(espeak, lame string) *Generator {
	g := &Generator{}
	var missing []error
	var err error
	if g.espeak, err = exec.LookPath(espeak); err != nil {
		missing = append(missing, fmt.Errorf("espeak-ng (%s): %w", espeak, err))
	}
	if g.lame, err = exec.LookPath(lame); err != nil {
		missing = append(missing, fmt.Errorf("lame (%s): %w", lame, err))
	}
	g.missing = errors.Join(missing...)
	return g
}

// Available returns nil when both programs were found, else an error naming
// the ones missing.
func (g *Generator) Available() error { return g.missing }

// wavHeader is the size of the header espeak-ng writes before the samples.
const wavHeader = 44

// Generate speaks text (given on espeak-ng's standard input, never on a
// command line) and returns it as MP3 with its length.
func (g *Generator) Generate(ctx context.Context, text string) ([]byte, time.Duration, error) {
	if g.missing != nil {
		return nil, 0, g.missing
	}
	ctx, cancel := context.WithTimeout(ctx, cmp.Or(g.Timeout, 2*time.Minute))
	defer cancel()
	voice := g.Voice
	if voice == "" {
		voice = "vi"
	}
	kbps := g.Kbps
	if kbps <= 0 {
		kbps = 24
	}
	speak := exec.CommandContext(ctx, g.espeak, "-v", voice, "--stdout")
	encode := exec.CommandContext(ctx, g.lame, "--quiet", "-m", "m", "-b", strconv.Itoa(kbps), "-", "-")
	var mp3, speakErr, encodeErr bytes.Buffer
	speak.Stdin, speak.Stderr = strings.NewReader(text), &limited{b: &speakErr}
	encode.Stdout, encode.Stderr = &mp3, &limited{b: &encodeErr}
	speak.WaitDelay, encode.WaitDelay = time.Second, time.Second
	in, err := encode.StdinPipe()
	if err != nil {
		return nil, 0, err
	}
	wav := &wavCounter{w: in}
	speak.Stdout = wav
	if err := encode.Start(); err != nil {
		return nil, 0, fmt.Errorf("lame: %w", err)
	}
	err = speak.Run()
	in.Close()
	if werr := encode.Wait(); werr != nil && err == nil {
		err = fmt.Errorf("lame: %w: %s", werr, strings.TrimSpace(encodeErr.String()))
	} else if err != nil {
		err = fmt.Errorf("espeak-ng: %w: %s", err, strings.TrimSpace(speakErr.String()))
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, 0, fmt.Errorf("audio not made within %s: %w", cmp.Or(g.Timeout, 2*time.Minute), ctx.Err())
	}
	if ctx.Err() != nil {
		return nil, 0, ctx.Err()
	}
	if err != nil {
		return nil, 0, err
	}
	d, err := wav.duration()
	if err != nil {
		return nil, 0, err
	}
	return mp3.Bytes(), d, nil
}

// wavCounter passes espeak-ng's WAV on to the encoder, keeping its header
// and counting its bytes, which give the sound's length.
type wavCounter struct {
	w      io.Writer
	header [wavHeader]byte
	n      int64
}

func (c *wavCounter) Write(p []byte) (int, error) {
	if c.n < wavHeader {
		copy(c.header[c.n:], p)
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// duration reads the format from the header and the length from the count.
func (c *wavCounter) duration() (time.Duration, error) {
	h := c.header[:]
	if c.n < wavHeader || string(h[0:4]) != "RIFF" || string(h[8:12]) != "WAVE" || string(h[12:16]) != "fmt " {
		return 0, errors.New("espeak-ng: no WAV on its output")
	}
	channels := int64(binary.LittleEndian.Uint16(h[22:]))
	rate := int64(binary.LittleEndian.Uint32(h[24:]))
	bits := int64(binary.LittleEndian.Uint16(h[34:]))
	perSecond := rate * channels * bits / 8
	if perSecond == 0 {
		return 0, errors.New("espeak-ng: a WAV header without a format")
	}
	return time.Duration((c.n - wavHeader) * int64(time.Second) / perSecond), nil
}

// limited keeps the first 2 KB written to it: enough of a program's
// complaint for the log.
type limited struct{ b *bytes.Buffer }

func (l *limited) Write(p []byte) (int, error) {
	if room := 2048 - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
