package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.task.Dispatch;
import io.vqstudio.app.task.JobTracker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A studio over the fake service, with every callback on the test's own thread. */
final class Fixture {

    final FakeStudioService service = new FakeStudioService();
    final StudioViewModel vm;
    final Path dir;

    Fixture(Path dir) {
        this.dir = dir;
        vm = new StudioViewModel(service, Dispatch.direct(), JobTracker.none(),
                new RecentFiles(dir.resolve("recent.txt")), dir.resolve("runs"));
    }

    Fixture withTokenizer() {
        vm.models().open(dir.resolve("tokenizer"));
        return this;
    }

    Fixture withPriors() {
        vm.models().open(dir.resolve("prior-ar"));
        vm.models().open(dir.resolve("prior-maskgit"));
        return this;
    }

    /** A colourful w x h PNG (diagonal gradients), written into the fixture's folder. */
    Path image(String name, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | ((x + y) * 127 / (w + h)));
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    ImageDocument open(String name) throws IOException {
        vm.workspace().open(List.of(image(name, 64, 64)));
        return vm.workspace().selectedProperty().get();
    }

    Path garbage(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "not an image");
    }

    List<String> noticeTexts() {
        return vm.runner().notices().stream().map(Notice::text).toList();
    }
}
