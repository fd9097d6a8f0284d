export interface Progress {
  fileName: string;
  sent: number;
  total: number;
}

export function UploadProgress({ progress }: { progress: Progress | null }) {
  if (!progress) return null;
  const percent = progress.total ? Math.round((progress.sent / progress.total) * 100) : 0;
  return (
    <div className="upload-progress">
      <label htmlFor="upload-progress">
        Uploading {progress.fileName}: {percent}%
      </label>
      <progress id="upload-progress" max={100} value={percent} />
    </div>
  );
}
