// A <video> bound to a MediaStream (React has no srcObject prop).
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage } from 'react-intl';

interface MediaViewProps {
  stream: MediaStream | null;
  muted: boolean;
  className: string;
  testId?: string;
  label: string;
  /** Audio output device; null = the system default. */
  sinkId?: string | null;
}

export function MediaView({ stream, muted, className, testId, label, sinkId = null }: MediaViewProps) {
  const ref = useRef<HTMLVideoElement>(null);
  // A browser tab may refuse to play sound before the user has clicked anything.
  const [blocked, setBlocked] = useState(false);
  const play = (video: HTMLVideoElement) =>
    Promise.resolve()
      .then(() => video.play())
      .then(() => setBlocked(false))
      .catch((error: unknown) => setBlocked((error as Error | null)?.name === 'NotAllowedError'));
  useEffect(() => {
    const video = ref.current;
    if (!video || typeof video.setSinkId !== 'function' || video.sinkId === (sinkId ?? '')) return;
    video.setSinkId(sinkId ?? '').catch(() => console.warn('media: the chosen speaker is not available'));
  }, [sinkId]);
  useEffect(() => {
    const video = ref.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    // autoplay starts it too; this covers a stream attached after the element was shown
    if (stream) void play(video);
  }, [stream]);
  return (
    <>
      <video ref={ref} className={className} data-testid={testId} autoPlay playsInline muted={muted} aria-label={label} />
      {blocked && !muted && (
        <button type="button" className="btn unblock" onClick={() => ref.current && void play(ref.current)}>
          <FormattedMessage id="media.clickToHear" />
        </button>
      )}
    </>
  );
}
