// Terminal size that follows resizes (80×24 when unknown, e.g. in tests).
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export function useSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout?.columns || 80, rows: stdout?.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (!stdout?.on) return undefined;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => { stdout.off('resize', onResize); };
  }, [stdout]);
  return size;
}
